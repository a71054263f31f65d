package com.exoquic.configurer.internal.plan;

/** When a step runs in a migrate. */
public enum Phase {
    /** In autocommit before Flyway's migrations (Flyway's BEFORE_MIGRATE). */
    BEFORE_MIGRATIONS,
    /** As a Flyway migration, in its transaction, recorded in the exoquic history. */
    MIGRATIONS,
    /** In autocommit after the migrations (Flyway's AFTER_MIGRATE). */
    AFTER_MIGRATIONS,
    /** After the migrations, once the server runs with wal_level = logical: in this run, or after the restart. */
    AFTER_RESTART
}
