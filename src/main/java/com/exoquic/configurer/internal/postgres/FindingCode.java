package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.api.Finding;

/**
 * Every code the tool gives a problem, in one place: the {@link Finding}s preflight and validate report (their
 * {@code code}, as text), and the kinds of drift the catalog read and the status view find in SQL
 * ({@code drift_findings.sql}, {@code inspect_drift.sql}, the status view), which migrate repairs or refuses. The
 * README's table "Bad input and what it gets" lists each code ({@code FindingCodeTest} keeps the two, and the
 * templates, in step).
 */
public enum FindingCode {
    UNSUPPORTED_VERSION("unsupported-version", false, "the server runs PostgreSQL 11 or older"),
    FAILOVER_SLOT_VERSION("failover-slot-version", false, "--failover-slot asked of a server older than PostgreSQL 17"),
    STANDBY("standby", false, "the server is a standby (in recovery), not the primary"),
    READ_ONLY("read-only", false, "default_transaction_read_only is on for the database or the admin role"),
    SLOT_RIGHTS("slot-rights", false, "the admin may not create replication slots (neither SUPERUSER nor REPLICATION)"),
    NEEDS_SUPERUSER("needs-superuser", false, "steps only a superuser can run: the role with REPLICATION, FOR ALL TABLES"),
    TABLE_UNUSABLE("table-unusable", false, "a listed table is missing or cannot be published (a view, unlogged, ...)"),
    SCHEMA_MISSING("schema-missing", false, "a listed schema (schema.*) does not exist"),
    IDENTITY_NOTHING("identity-nothing", false, "a captured table has REPLICA IDENTITY NOTHING"),
    TABLE_NOT_OWNED("table-not-owned", false, "an admin that is no superuser does not own captured tables"),
    ROLE_FOREIGN("role-foreign", false, "a role of the configured name owns objects: an application's role"),
    ROLE_EXTRA_RIGHTS("role-extra-rights", false, "the replication role has attributes or memberships the tool may not take back"),
    ROLE_EXTRA_PRIVILEGES("role-extra-privileges", false, "the replication role holds privileges the admin may not revoke"),
    ROLE_PASSWORD_DIFFERS("role-password-differs", false, "the replication role exists with another password"),
    PUBLICATION_FOREIGN("publication-foreign", false, "a publication of the configured name, not the tool's, publishes something else"),
    PUBLICATION_OWNER("publication-owner", true, "the publication is owned by another role"),
    PUBLICATION_OPERATIONS("publication-operations", true, "the publication does not publish every row change"),
    SCHEMA_FOREIGN("schema-foreign", false, "the schema exoquic is another role's, or holds objects the tool did not create"),
    SCHEMA_UNTRUSTED_OBJECTS("schema-untrusted-objects", false, "other roles own objects in the schema exoquic"),
    SLOT_TEMPORARY("slot-temporary", false, "a temporary slot of the configured name, held by another session"),
    SLOT_CONFLICT("slot-conflict", false, "a slot of the configured name of another type, plugin or database"),
    SLOT_LOST("slot-lost", false, "PostgreSQL invalidated the slot of the configured name"),
    SLOT_LOST_ACTIVE("slot-lost-active", false, "the invalidated slot is still held by a session, so it cannot be recreated"),
    SLOT_CAPACITY("slot-capacity", false, "no free replication slot for the slot migrate would create"),
    SENDER_CAPACITY("sender-capacity", false, "no free WAL sender for the slot's consumer"),
    WAL_CAP_TOO_SMALL("wal-cap-too-small", false, "--max-slot-wal-keep-size below the WAL a slot retains now"),
    WAL_IDLE_TIMEOUT_TOO_SHORT("wal-idle-timeout-too-short", false, "--idle-slot-timeout shorter than a slot has been idle"),
    WAL_GUARD_VERSION("wal-guard-version", false, "a WAL guard asked of a server without its setting"),
    HISTORY_MISMATCH("history-mismatch", false, "validate: an applied migration differs from the one migrate would apply"),
    HISTORY_INVALID("history-invalid", false, "validate: Flyway's validation of the exoquic history failed otherwise"),

    GRANTS_MISSING("grants-missing", true, "a captured table or its schema is not readable by the replication role"),
    ROLE_LOGIN("role-login", true, "the replication role cannot log in (CONNECTION LIMIT 0, VALID UNTIL passed)"),
    ROLE_PRIVILEGE("role-privilege", true, "the replication role holds a privilege the tool never grants"),
    ROLE_STALE_GRANT("role-stale-grant", true, "SELECT or USAGE left on what is no longer captured"),
    ROLE_MISSING("role-missing", true, "the replication role does not exist (status)"),
    ROLE_ATTRIBUTE("role-attribute", true, "the replication role has an attribute beyond LOGIN REPLICATION, or lacks one (status)"),
    ROLE_MEMBERSHIP("role-membership", true, "the replication role is a member of another role (status)"),
    PUBLICATION_VIA_ROOT("publication-via-root", true, "the publication has publish_via_partition_root off"),
    SCHEMA_PRIVILEGE("schema-privilege", true, "another role may create objects in the schema exoquic"),
    GUARD("guard", true, "the DDL guard was disabled, dropped or changed"),
    STATUS_VIEW_MISSING("status-view-missing", true, "the status view is missing"),
    SLOT("slot", true, "the slot is not a logical pgoutput slot of this database (status)");

    private final String code;
    private final boolean drift;
    private final String description;

    FindingCode(String code, boolean drift, String description) {
        this.code = code;
        this.drift = drift;
        this.description = description;
    }

    /** The code as text: {@link Finding#code()}, the JSON's {@code code}, the first column of a drift row. */
    public String code() {
        return code;
    }

    /** Whether the drift templates return it (some are preflight findings too). */
    public boolean drift() {
        return drift;
    }

    /** What it means, in one line. */
    public String description() {
        return description;
    }

    /** A finding of this code. */
    public Finding finding(String object, String message, String fixSql) {
        return new Finding(code, object, message, fixSql);
    }
}
