-- The yardstick: one scan of pg_class.
SELECT count(*) FROM pg_catalog.pg_class;
