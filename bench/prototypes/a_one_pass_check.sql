-- Prototype (a): the captured set's checks in one pass, returning only what differs from the desired state.
-- For TABLES_TO_CAPTURE unset (all tables): the captured filter is applied to the one scan of pg_class instead
-- of `c.oid IN (captured_tables)`, which makes the planner join pg_class with itself. Role and names are the
-- bench fixture's (exoquic_replication); the tool would render them as literals.
-- One row: the keyless count and a digest of their names (what the rendered R__2/R__4 need), then the tables
-- that differ, each with its reasons, as arrays (empty when nothing differs):
--   full       keyless with the default identity: R__4 / the batched step sets REPLICA IDENTITY FULL
--   nothing    REPLICA IDENTITY NOTHING (a risk)
--   not_owned  owned by a role the admin does not act for (a risk)
--   grant      the replication role lacks SELECT from the owner (drift, R__2)
--   usage      the replication role may not use the schema (drift, R__2)
WITH role AS (
  SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'exoquic_replication'
), captured AS MATERIALIZED ( -- computed once: each flag is used several times below
  SELECT n.nspname, c.relname, c.relreplident,
         -- primary keys from pg_constraint (one row per key; pg_index holds every index, TOAST's too), as one
         -- hashed subplan over a never-NULL column
         c.oid NOT IN (SELECT k.conrelid FROM pg_catalog.pg_constraint k WHERE k.contype = 'p') AS keyless,
         -- the owners the admin acts for are found once (an InitPlan), not per table
         c.relowner <> ALL (ARRAY(SELECT r.oid FROM pg_catalog.pg_roles r WHERE pg_catalog.pg_has_role(r.oid, 'USAGE'))) AS not_owned,
         NOT COALESCE(pg_catalog.aclcontains(c.relacl, pg_catalog.makeaclitem((SELECT oid FROM role), c.relowner, 'SELECT', false)),
                      false) AS no_grant,
         -- the schemas the role may use are found once, not per table
         c.relnamespace <> ALL (ARRAY(SELECT s.oid FROM pg_catalog.pg_namespace s
                                       WHERE pg_catalog.has_schema_privilege((SELECT oid FROM role), s.oid, 'USAGE'))) AS no_usage
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'p'
     AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'exoquic') AND n.nspname !~ '^pg_'
)
SELECT count(*) FILTER (WHERE keyless) AS keyless,
       -- order-free (no sort): XOR of a 64-bit hash of each keyless table's schema and name
       pg_catalog.bit_xor(pg_catalog.hashtextextended(pg_catalog.format('%I.%I', nspname, relname), 0))
           FILTER (WHERE keyless) AS keyless_digest,
       pg_catalog.array_agg(pg_catalog.format('%I.%I', nspname, relname)) FILTER (WHERE differs) AS tables,
       pg_catalog.array_agg(pg_catalog.concat_ws(',', CASE WHEN keyless AND relreplident = 'd' THEN 'full' END,
                                                 CASE WHEN relreplident = 'n' THEN 'nothing' END,
                                                 CASE WHEN not_owned THEN 'not_owned' END,
                                                 CASE WHEN no_grant THEN 'grant' END,
                                                 CASE WHEN no_usage THEN 'usage' END)) FILTER (WHERE differs) AS reasons
  FROM (SELECT *, (keyless AND relreplident = 'd') OR relreplident = 'n' OR not_owned OR no_grant OR no_usage AS differs
          FROM captured) AS t;
