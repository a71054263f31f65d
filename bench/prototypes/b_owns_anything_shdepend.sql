-- Ownership part: "does the replication role own anything" from pg_shdepend's index (owner dependencies,
-- deptype 'o', in this database or shared), instead of a scan of pg_class by relowner (no index).
SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_shdepend d, pg_catalog.pg_roles r
                WHERE r.rolname = 'exoquic_replication'
                  AND d.refclassid = 'pg_catalog.pg_authid'::pg_catalog.regclass AND d.refobjid = r.oid
                  AND d.deptype = 'o'
                  AND d.dbid IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())));
