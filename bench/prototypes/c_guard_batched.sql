-- Prototype (c), batched: the event trigger only notes each new table (one row in an unlogged table the admin
-- owns) and, for the first one of the transaction, queues a deferred constraint trigger; at commit that trigger
-- acts once for all of them: REPLICA IDENTITY FULL for each keyless table (one ALTER each: PostgreSQL has no
-- other way), one GRANT for all, USAGE for their schemas. It sees the transaction's final state: a table given a
-- primary key after its CREATE TABLE (CREATE TABLE, then ALTER TABLE ... ADD PRIMARY KEY) keeps its default
-- identity, where acting at CREATE TABLE set FULL. The application cannot write either table (no grant; the
-- functions run as their owner). Unlogged tables are never published. One exception block per transaction.
CREATE UNLOGGED TABLE IF NOT EXISTS exoquic.ddl_guard_pending (xid pg_catalog.xid8 NOT NULL, relid pg_catalog.oid NOT NULL);
CREATE UNLOGGED TABLE IF NOT EXISTS exoquic.ddl_guard_marker (xid pg_catalog.xid8 PRIMARY KEY);

CREATE OR REPLACE FUNCTION exoquic.ddl_guard_flush() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $flush$
DECLARE
    pending oid[];
    target record;
    targets text;
    role oid := (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'exoquic_replication');
BEGIN
    DELETE FROM exoquic.ddl_guard_marker WHERE xid = NEW.xid;
    WITH done AS (DELETE FROM exoquic.ddl_guard_pending WHERE xid = NEW.xid RETURNING relid)
    SELECT pg_catalog.array_agg(relid) INTO pending FROM done;
    -- (a table list or schema publication: today's membership check, set-based over the pending oids)
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication p WHERE p.pubname = 'exoquic_publication' AND p.puballtables) THEN
        RETURN NULL;
    END IF;
    FOR target IN
        SELECT n.nspname, c.relname
          FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.oid = ANY (pending) AND c.relkind IN ('r', 'p') AND c.relpersistence = 'p' AND c.relreplident = 'd'
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
    LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %I.%I REPLICA IDENTITY FULL', target.nspname, target.relname);
    END LOOP;
    SELECT pg_catalog.string_agg(pg_catalog.format('%I.%I', n.nspname, c.relname), ', ') INTO targets
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = ANY (pending) AND c.relkind IN ('r', 'p') AND c.relpersistence = 'p'
       AND NOT COALESCE(pg_catalog.aclcontains(c.relacl, pg_catalog.makeaclitem(role, c.relowner, 'SELECT', false)), false);
    IF targets IS NOT NULL THEN
        EXECUTE pg_catalog.format('GRANT SELECT ON TABLE %s TO %I', targets, 'exoquic_replication');
    END IF;
    SELECT pg_catalog.string_agg(DISTINCT pg_catalog.quote_ident(n.nspname), ', ') INTO targets
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = ANY (pending) AND NOT pg_catalog.has_schema_privilege(role, n.oid, 'USAGE');
    IF targets IS NOT NULL THEN
        EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %s TO %I', targets, 'exoquic_replication');
    END IF;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'exoquic DDL guard: % (SQLSTATE %); run exoquic-configurer migrate', SQLERRM, SQLSTATE;
    RETURN NULL;
END
$flush$;
DROP TRIGGER IF EXISTS ddl_guard_flush ON exoquic.ddl_guard_marker;
CREATE CONSTRAINT TRIGGER ddl_guard_flush AFTER INSERT ON exoquic.ddl_guard_marker
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION exoquic.ddl_guard_flush();

CREATE OR REPLACE FUNCTION exoquic.ddl_guard() RETURNS event_trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $guard$
BEGIN
    INSERT INTO exoquic.ddl_guard_pending (xid, relid)
    SELECT pg_catalog.pg_current_xact_id(), c.objid FROM pg_catalog.pg_event_trigger_ddl_commands() AS c
     WHERE c.object_type = 'table' AND c.command_tag IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO');
    IF FOUND THEN
        -- the first new table of the transaction queues the flush at commit; later ones find the marker
        INSERT INTO exoquic.ddl_guard_marker VALUES (pg_catalog.pg_current_xact_id()) ON CONFLICT DO NOTHING;
    END IF;
    -- (ALTER TABLE and CREATE SCHEMA: today's path)
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'exoquic DDL guard: % (SQLSTATE %); run exoquic-configurer migrate', SQLERRM, SQLSTATE;
END
$guard$;
