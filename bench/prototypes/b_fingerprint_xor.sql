-- Prototype (b): a fingerprint of the captured set's relevant state, computed in the server, without a sort:
-- the XOR of one 64-bit hash per table (order does not matter) over oid, schema and name (the rendered
-- migrations name the keyless tables), identity, owner, primary-key presence, and the ACL (hashed as aclitem[],
-- without printing role names), plus the same over the user schemas (name, owner, ACL: a revoked USAGE).
-- Compared with the value recorded at the last successful run; equal means the full read would find what it
-- found then. Not collision-resistant: an application role able to craft a colliding change could hide drift it
-- could as well cause right after a run; b_fingerprint_md5.sql is the cryptographic variant.
SELECT t.n, t.h # s.h AS fingerprint
  FROM (SELECT count(*) AS n,
               pg_catalog.bit_xor(pg_catalog.hashtextextended(
                   pg_catalog.concat_ws('/', c.oid, n.nspname, c.relname, c.relreplident, c.relowner,
                                        c.oid IN (SELECT k.conrelid FROM pg_catalog.pg_constraint k WHERE k.contype = 'p')), 0)
                   # COALESCE(pg_catalog.hash_array_extended(c.relacl, 0), 0)) AS h
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'p'
           AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'exoquic') AND n.nspname !~ '^pg_') AS t,
       (SELECT pg_catalog.bit_xor(pg_catalog.hashtextextended(pg_catalog.concat_ws('/', n.oid, n.nspname, n.nspowner), 0)
                                  # COALESCE(pg_catalog.hash_array_extended(n.nspacl, 0), 0)) AS h
          FROM pg_catalog.pg_namespace n
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'exoquic') AND n.nspname !~ '^pg_') AS s;
