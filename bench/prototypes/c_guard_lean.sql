-- Prototype (c), lean, still acting at each CREATE TABLE: decided from the command tag and the object. A new plain
-- table (not a partition, not partitioned) needs no partition walk; its primary key is looked up in pg_constraint
-- by its oid; the grant is compared in its ACL (no privilege function); names are printed with format('%I.%I')
-- (a regclass checks the search path). One exception block per call (today: one per command plus one around
-- all). Other tags and objects (ALTER TABLE, CREATE SCHEMA, partitions) would keep today's path (left out here).
CREATE OR REPLACE FUNCTION exoquic.ddl_guard() RETURNS event_trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $guard$
DECLARE
    command record;
    target record;
    role oid := (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'exoquic_replication');
    all_tables boolean := EXISTS (SELECT 1 FROM pg_catalog.pg_publication p
                                   WHERE p.pubname = 'exoquic_publication' AND p.puballtables);
BEGIN
    FOR command IN
        SELECT c.objid FROM pg_catalog.pg_event_trigger_ddl_commands() AS c
         WHERE c.object_type = 'table' AND c.command_tag IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO')
    LOOP
        SELECT n.nspname, c.relname, c.relreplident, c.relnamespace,
               c.oid IN (SELECT k.conrelid FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p') AS has_key,
               COALESCE(pg_catalog.aclcontains(c.relacl, pg_catalog.makeaclitem(role, c.relowner, 'SELECT', false)), false) AS granted
          INTO target
          FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.oid = command.objid AND c.relkind = 'r' AND NOT c.relispartition AND c.relpersistence = 'p';
        CONTINUE WHEN NOT FOUND OR NOT all_tables; -- (a table list or schema publication: today's membership check)
        IF NOT target.has_key AND target.relreplident = 'd' THEN
            EXECUTE pg_catalog.format('ALTER TABLE %I.%I REPLICA IDENTITY FULL', target.nspname, target.relname);
        END IF;
        IF NOT target.granted THEN
            EXECUTE pg_catalog.format('GRANT SELECT ON TABLE %I.%I TO %I', target.nspname, target.relname, 'exoquic_replication');
        END IF;
        IF NOT pg_catalog.has_schema_privilege(role, target.relnamespace, 'USAGE') THEN
            EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO %I', target.nspname, 'exoquic_replication');
        END IF;
    END LOOP;
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'exoquic DDL guard: % (SQLSTATE %); run exoquic-configurer migrate', SQLERRM, SQLSTATE;
END
$guard$;
