-- Prototype (b), what the primary-key presence costs: the XOR fingerprint without it (a dropped primary key
-- would then go unseen: not usable, measured only to split the cost).
SELECT count(*), pg_catalog.bit_xor(pg_catalog.hashtextextended(
           pg_catalog.concat_ws('/', c.oid, n.nspname, c.relname, c.relreplident, c.relowner), 0)
           # COALESCE(pg_catalog.hash_array_extended(c.relacl, 0), 0))
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'p'
   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'exoquic') AND n.nspname !~ '^pg_';
