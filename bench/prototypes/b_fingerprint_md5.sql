-- Prototype (b), cryptographic variant: md5 over the same state, rows in oid order (a sort of the captured set).
SELECT pg_catalog.md5(pg_catalog.string_agg(
           pg_catalog.concat_ws('/', c.oid, n.nspname, c.relname, c.relreplident, c.relowner,
                                c.oid IN (SELECT k.conrelid FROM pg_catalog.pg_constraint k WHERE k.contype = 'p'),
                                pg_catalog.hash_array_extended(c.relacl, 0), n.nspacl::text), E'\n' ORDER BY c.oid))
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'p'
   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'exoquic') AND n.nspname !~ '^pg_';
