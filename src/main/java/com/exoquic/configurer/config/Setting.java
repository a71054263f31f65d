package com.exoquic.configurer.config;

/**
 * One definition per setting: its environment variable, its CLI flag, its default and what it means.
 * Precedence: flag, then environment ({@code DATABASE_URL} parts before the single PG variables), then
 * default. Secret settings take a file path as their flag, so they never show in a process list.
 */
public enum Setting {
    HOST("PGHOST", "--host", "localhost", "Database server host."),
    PORT("PGPORT", "--port", "5432", "Database server port (1-65535)."),
    USER("PGUSER", "--user", "postgres", "Admin role that configures the database (a superuser can do every step)."),
    PASSWORD("PGPASSWORD", "--password-file", null, "Admin password; the flag names a file holding it."),
    DATABASE("PGDATABASE", "--database", "postgres", "Database to configure."),
    SSL_MODE("PGSSLMODE", "--sslmode", "prefer", "disable, allow, prefer, require, verify-ca or verify-full."),
    URL("DATABASE_URL", "--url", null,
            "postgres://user:pass@host:port/db?sslmode=... or jdbc:postgresql://...; its parts come before PG* variables."),
    REPLICATION_USER("EXOQUIC_REPLICATION_USER", "--replication-user", "exoquic_replication",
            "Role Exoquic logs in with (LOGIN REPLICATION, SELECT on captured tables only)."),
    REPLICATION_PASSWORD("EXOQUIC_REPLICATION_PASSWORD", "--replication-password-file", null,
            "Password of the replication role; the flag names a file holding it. Required by migrate and register."),
    PUBLICATION("EXOQUIC_PUBLICATION_NAME", "--publication", "exoquic_publication", "Publication name."),
    SLOT("EXOQUIC_SLOT_NAME", "--slot", "exoquic_replication_slot", "Logical replication slot name ([a-z0-9_]{1,63})."),
    TABLES("TABLES_TO_CAPTURE", "--tables", "",
            "Comma-separated tables (orders, sales.orders, \"Sales\".\"Order Items\", sales.*); empty captures all tables."),
    API_KEY("EXOQUIC_API_KEY", "--api-key-file", null,
            "Exoquic API key; when set, migrate registers the database. The flag names a file holding it."),
    CLOUD_URL("EXOQUIC_CLOUD_URL", "--cloud-url", "https://api.exoquic.com", "Exoquic cloud API base URL."),
    ENVIRONMENT("EXOQUIC_ENV", "--env", "prod", "Exoquic environment: dev or prod."),
    PUBLIC_HOST("EXOQUIC_PUBLIC_HOST", "--public-host", null,
            "Host Exoquic connects to, when it differs from the admin connection's host."),
    CLOUD_CONNECT_TIMEOUT("EXOQUIC_CLOUD_CONNECT_TIMEOUT", "--cloud-connect-timeout", "10",
            "Seconds to wait for a connection to the Exoquic cloud API (1-600)."),
    CLOUD_REQUEST_TIMEOUT("EXOQUIC_CLOUD_REQUEST_TIMEOUT", "--cloud-request-timeout", "30",
            "Seconds to wait for the Exoquic cloud API to answer a registration request (1-600)."),
    CONNECT_ATTEMPTS("EXOQUIC_CONNECT_ATTEMPTS", "--connect-attempts", "5",
            "Connection attempts while the server is starting (1-100)."),
    CONNECT_TIMEOUT("EXOQUIC_CONNECT_TIMEOUT", "--connect-timeout", "10", "Seconds to wait for each connection attempt."),
    LOCK_TIMEOUT("EXOQUIC_LOCK_TIMEOUT", "--lock-timeout", "5",
            "Seconds a DDL statement on a user table may wait for its lock before giving up."),
    SLOT_TIMEOUT("EXOQUIC_SLOT_TIMEOUT", "--slot-timeout", "60",
            "Seconds slot creation may wait for running transactions to end."),
    FAILOVER_SLOT("EXOQUIC_FAILOVER_SLOT", "--failover-slot", "false",
            "true: create the slot as a failover slot (PostgreSQL 17+), kept on standbys with sync_replication_slots.");

    private final String envName;
    private final String flag;
    private final String defaultValue;
    private final String description;

    Setting(String envName, String flag, String defaultValue, String description) {
        this.envName = envName;
        this.flag = flag;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String envName() {
        return envName;
    }

    public String flag() {
        return flag;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean isSecret() {
        return this == PASSWORD || this == REPLICATION_PASSWORD || this == API_KEY;
    }
}
