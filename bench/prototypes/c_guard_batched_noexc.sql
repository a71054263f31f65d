-- Prototype (c), batched, the event trigger without its exception block (measured to split the cost: a
-- subtransaction per CREATE TABLE; an INSERT that fails here would fail the application's DDL).
CREATE OR REPLACE FUNCTION exoquic.ddl_guard() RETURNS event_trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $guard$
BEGIN
    INSERT INTO exoquic.ddl_guard_pending (xid, relid)
    SELECT pg_catalog.pg_current_xact_id(), c.objid FROM pg_catalog.pg_event_trigger_ddl_commands() AS c
     WHERE c.object_type = 'table' AND c.command_tag IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO');
    IF FOUND THEN
        INSERT INTO exoquic.ddl_guard_marker VALUES (pg_catalog.pg_current_xact_id()) ON CONFLICT DO NOTHING;
    END IF;
END
$guard$;
