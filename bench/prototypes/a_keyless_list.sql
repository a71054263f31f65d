-- Prototype (a), the report's part: the captured tables without a primary key (one pass, filter inline), with
-- their identity and whether a unique index on NOT NULL columns could serve; what --json lists in full. The text
-- report shows 20 of them and the count: with ORDER BY ... LIMIT 20 and the count from a_one_pass_check, the
-- 25,000 names need not cross the wire.
SELECT pg_catalog.array_agg(n.nspname::text), pg_catalog.array_agg(c.relname::text), pg_catalog.array_agg(c.relreplident::text),
       pg_catalog.array_agg(EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                                     WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid AND i.indimmediate
                                       AND i.indpred IS NULL AND i.indexprs IS NULL
                                       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                                                        WHERE a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
                                                          AND NOT a.attnotnull)))
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'p'
   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'exoquic') AND n.nspname !~ '^pg_'
   AND c.oid NOT IN (SELECT k.conrelid FROM pg_catalog.pg_constraint k WHERE k.contype = 'p');
