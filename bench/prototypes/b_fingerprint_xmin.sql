-- Prototype (b), cheaper: every change to a table's pg_class row (GRANT/REVOKE, REPLICA IDENTITY, OWNER, RENAME,
-- SET SCHEMA) writes a new row version with a new xmin, so (oid, xmin) stands for the row's whole state without
-- printing it; statistics (VACUUM, ANALYZE) are updated in place and leave xmin as it is. Primary keys are not
-- in the table's row: their presence is added as in b_fingerprint_xor. A change that rewrites the row without
-- mattering (CREATE INDEX sets relhasindex) makes the fingerprint differ and costs one full read: harmless.
SELECT t.n, t.h # s.h AS fingerprint
  FROM (SELECT count(*) AS n,
               pg_catalog.bit_xor(pg_catalog.hashtextextended(c.xmin::text, c.oid::bigint)
                                  # CASE WHEN c.oid IN (SELECT k.conrelid FROM pg_catalog.pg_constraint k WHERE k.contype = 'p')
                                         THEN c.oid::bigint << 32 ELSE 0 END) AS h
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'p'
           AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'exoquic') AND n.nspname !~ '^pg_') AS t,
       (SELECT pg_catalog.bit_xor(pg_catalog.hashtextextended(n.xmin::text, n.oid::bigint)) AS h
          FROM pg_catalog.pg_namespace n
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'exoquic') AND n.nspname !~ '^pg_') AS s;
