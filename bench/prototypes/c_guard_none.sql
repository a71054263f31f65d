-- Prototype (c), the yardstick: no DDL guard (as after migrate --no-ddl-guard).
DROP EVENT TRIGGER IF EXISTS exoquic_ddl_guard;
