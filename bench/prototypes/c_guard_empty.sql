-- Prototype (c), the cost of an event trigger alone: a function that reads the commands and does nothing.
CREATE OR REPLACE FUNCTION exoquic.ddl_guard() RETURNS event_trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $guard$
DECLARE
    command record;
BEGIN
    FOR command IN SELECT c.objid FROM pg_catalog.pg_event_trigger_ddl_commands() AS c LOOP
        NULL;
    END LOOP;
END
$guard$;
