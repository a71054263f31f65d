package com.exoquic.configurer.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.exoquic.configurer.internal.config.VerbName.ALL;
import static com.exoquic.configurer.internal.config.VerbName.CLOUD;
import static com.exoquic.configurer.internal.config.VerbName.CONNECTING;
import static com.exoquic.configurer.internal.config.VerbName.MIGRATE;
import static com.exoquic.configurer.internal.config.VerbName.REGISTER;
import static com.exoquic.configurer.internal.config.VerbName.RENDERING;
import static com.exoquic.configurer.internal.config.VerbName.STATUS;
import static com.exoquic.configurer.internal.config.VerbName.TEARDOWN;
import static com.exoquic.configurer.internal.config.VerbName.VALIDATE;

/**
 * The one definition of every setting, like pgjdbc's {@code PGProperty}: its environment variable, its CLI
 * flag, the kind of value it takes, its default, what it means and which verbs read and require it. The loader's
 * checks, the typed values of {@link Settings}, the CLI options, the help and the README table are all derived from
 * here, and, as on {@code PGProperty}, a value is read through the enum with its type ({@link #number},
 * {@link #text}, ...). Environment variable names and flags are unique (checked when the enum loads).
 * Precedence: flag, then environment ({@code DATABASE_URL} parts before the single PG variables), then
 * default. Secret settings take a file path as their flag, so they never show in a process list.
 */
public enum Setting {
    HOST("PGHOST", "--host", "HOST", new ValueType.Text(), "localhost", ALL,
            "Database server host."),
    PORT("PGPORT", "--port", "PORT", new ValueType.WholeNumber(1, 65535), "5432", ALL,
            "Database server port."),
    USER("PGUSER", "--user", "USER", new ValueType.Text(), "postgres", CONNECTING,
            "Admin role that configures the database (a superuser can do every step)."),
    PASSWORD("PGPASSWORD", "--password-file", "FILE", new ValueType.SecretValue(), null, CONNECTING,
            "Admin password; the flag names a file holding it."),
    DATABASE("PGDATABASE", "--database", "DB", new ValueType.Text(), "postgres", ALL,
            "Database to configure."),
    SSL_MODE("PGSSLMODE", "--sslmode", "MODE",
            new ValueType.Choice("an sslmode", List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")),
            "prefer", CONNECTING,
            "How the admin connection uses TLS."),
    URL("DATABASE_URL", "--url", "URL", new ValueType.ConnectionUrl(), null, ALL,
            "postgres://user:pass@host:port/db?sslmode=... or jdbc:postgresql://...; its parts come before PG* variables."),
    REPLICATION_USER("EXOQUIC_REPLICATION_USER", "--replication-user", "ROLE", new ValueType.RoleName(), "exoquic_replication",
            with(RENDERING, TEARDOWN, REGISTER),
            "Role Exoquic logs in with (LOGIN REPLICATION, SELECT on captured tables only)."),
    REPLICATION_PASSWORD("EXOQUIC_REPLICATION_PASSWORD", "--replication-password-file", "FILE",
            new ValueType.SecretValue(), null, only(MIGRATE, VALIDATE, REGISTER), only(MIGRATE, VALIDATE, REGISTER),
            "Password of the replication role; the flag names a file holding it. Required by migrate, validate and register."),
    PUBLICATION("EXOQUIC_PUBLICATION_NAME", "--publication", "NAME", new ValueType.Name(), "exoquic_publication",
            with(RENDERING, TEARDOWN, REGISTER),
            "Publication name."),
    SLOT("EXOQUIC_SLOT_NAME", "--slot", "NAME", new ValueType.SlotName(), "exoquic_replication_slot", ALL,
            "Logical replication slot name."),
    TABLES("TABLES_TO_CAPTURE", "--tables", "LIST", new ValueType.TableList(), "", RENDERING,
            "Comma-separated tables (orders, sales.orders, \"Sales\".\"Order Items\", sales.*); empty captures all tables."),
    API_KEY("EXOQUIC_API_KEY", "--api-key-file", "FILE", new ValueType.SecretValue(), null, CLOUD, only(REGISTER),
            "Exoquic API key; when set, migrate registers the database. The flag names a file holding it."),
    CLOUD_URL("EXOQUIC_CLOUD_URL", "--cloud-url", "URL", new ValueType.HttpUrl(), "https://api.exoquic.com", CLOUD,
            "Exoquic cloud API base URL."),
    ENVIRONMENT("EXOQUIC_ENV", "--env", "ENV", new ValueType.Choice("an Exoquic environment", List.of("dev", "prod")),
            "prod", CLOUD,
            "Exoquic environment."),
    PUBLIC_HOST("EXOQUIC_PUBLIC_HOST", "--public-host", "HOST", new ValueType.HostName(), null, CLOUD,
            "Host Exoquic connects to, when it differs from the admin connection's host."),
    CLOUD_CONNECT_TIMEOUT("EXOQUIC_CLOUD_CONNECT_TIMEOUT", "--cloud-connect-timeout", "SECONDS",
            new ValueType.Seconds(1, 600), "10", CLOUD,
            "Seconds to wait for a connection to the Exoquic cloud API."),
    CLOUD_REQUEST_TIMEOUT("EXOQUIC_CLOUD_REQUEST_TIMEOUT", "--cloud-request-timeout", "SECONDS",
            new ValueType.Seconds(1, 600), "30", CLOUD,
            "Seconds to wait for the cloud API to answer a registration request; a timeout is retried like a 5xx."),
    CONNECT_ATTEMPTS("EXOQUIC_CONNECT_ATTEMPTS", "--connect-attempts", "N", new ValueType.WholeNumber(1, 100), "5",
            CONNECTING,
            "Connection attempts while the server is starting."),
    CONNECT_TIMEOUT("EXOQUIC_CONNECT_TIMEOUT", "--connect-timeout", "SECONDS", new ValueType.Seconds(1, 3600), "10",
            CONNECTING,
            "Seconds to wait for each connection attempt."),
    LOCK_TIMEOUT("EXOQUIC_LOCK_TIMEOUT", "--lock-timeout", "SECONDS", new ValueType.Seconds(1, 3600), "5",
            only(MIGRATE),
            "Seconds a DDL statement on a user table may wait for its lock before giving up."),
    SLOT_TIMEOUT("EXOQUIC_SLOT_TIMEOUT", "--slot-timeout", "SECONDS", new ValueType.Seconds(1, 86400), "60",
            only(MIGRATE),
            "Seconds slot creation may wait for running transactions to end."),
    FAILOVER_SLOT("EXOQUIC_FAILOVER_SLOT", "--failover-slot", null, new ValueType.Bool(), "false",
            only(MIGRATE, VALIDATE),
            "Create the slot as a failover slot (PostgreSQL 17+), kept on standbys with sync_replication_slots;"
                    + " refused (exit 2) on older servers. The flag means true."),
    ADOPT("EXOQUIC_ADOPT", "--adopt", null, new ValueType.Bool(), "false",
            only(MIGRATE, VALIDATE),
            "Take over an existing role, publication or empty exoquic schema of the configured name that this tool did"
                    + " not create (otherwise preflight refuses it, exit 2). The flag means true."),
    DDL_GUARD("EXOQUIC_DDL_GUARD", "--no-ddl-guard", null, new ValueType.Bool(), "true", RENDERING,
            "Install the DDL guard (superuser only): an event trigger giving new or altered captured tables without"
                    + " a primary key REPLICA IDENTITY FULL and the role SELECT on them; false removes it."
                    + " The flag means false."),
    ROTATE_REPLICATION_PASSWORD("EXOQUIC_ROTATE_REPLICATION_PASSWORD", "--rotate-replication-password", null,
            new ValueType.Bool(), "false", only(MIGRATE, VALIDATE),
            "Change the password of a replication role that already exists with another one (other databases"
                    + " using the role must then use the new one); without it migrate refuses (exit 2)."
                    + " The flag means true."),
    RECREATE_LOST_SLOT("EXOQUIC_RECREATE_LOST_SLOT", "--recreate-lost-slot", null, new ValueType.Bool(), "false",
            only(MIGRATE, VALIDATE),
            "Drop and create again a slot of the configured name that PostgreSQL invalidated (wal_status lost: the"
                    + " WAL it needed is gone), when no session uses it; the consumer must then resynchronise."
                    + " Without it migrate refuses such a slot (exit 2). The flag means true."),
    MAX_SLOT_WAL_KEEP_SIZE("EXOQUIC_MAX_SLOT_WAL_KEEP_SIZE", "--max-slot-wal-keep-size", "SIZE",
            new ValueType.Size(1L << 20, true), null, only(MIGRATE, VALIDATE),
            "Set the server's max_slot_wal_keep_size (PostgreSQL 13+; ALTER SYSTEM and a reload): the most WAL any"
                    + " slot may retain before PostgreSQL invalidates it. Refused (exit 2) below what a slot on the"
                    + " server retains now. Unset: left as it is (see WAL safety)."),
    IDLE_SLOT_TIMEOUT("EXOQUIC_IDLE_SLOT_TIMEOUT", "--idle-slot-timeout", "DURATION",
            new ValueType.TimeSpan(true), null, only(MIGRATE, VALIDATE),
            "Set the server's idle_replication_slot_timeout (PostgreSQL 18+; ALTER SYSTEM and a reload): a slot"
                    + " no consumer used for this long is invalidated at the next checkpoint. Unset: left as it is"
                    + " (see WAL safety)."),
    MAX_RETAINED_WAL("EXOQUIC_MAX_RETAINED_WAL", "--max-retained-wal", "SIZE", new ValueType.Size(1, false), "1GB",
            only(STATUS),
            "Most WAL the slot may retain, a consumer connected or not, before status reports a problem (exit 4).");

    private static final Map<String, Setting> BY_ENV_NAME = unique(Setting::envName);
    private static final Map<String, Setting> BY_FLAG = unique(Setting::flag);

    private final String envName;
    private final String flag;
    private final String paramLabel;
    private final ValueType<?> type;
    private final String defaultValue;
    private final Set<VerbName> verbs;
    private final Set<VerbName> requiredBy;
    private final String description;

    Setting(String envName, String flag, String paramLabel, ValueType<?> type, String defaultValue,
            Set<VerbName> verbs, String description) {
        this(envName, flag, paramLabel, type, defaultValue, verbs, Set.of(), description);
    }

    /** @param requiredBy the verbs that cannot run without a value */
    Setting(String envName, String flag, String paramLabel, ValueType<?> type, String defaultValue,
            Set<VerbName> verbs, Set<VerbName> requiredBy, String description) {
        this.envName = envName;
        this.flag = flag;
        this.paramLabel = paramLabel;
        this.type = type;
        this.defaultValue = defaultValue;
        this.verbs = Set.copyOf(verbs);
        this.requiredBy = Set.copyOf(requiredBy);
        this.description = description;
    }

    public String envName() {
        return envName;
    }

    public String flag() {
        return flag;
    }

    /** What the flag's value is called in help; {@code null} for a flag that takes no value (a boolean). */
    public String paramLabel() {
        return paramLabel;
    }

    public ValueType<?> type() {
        return type;
    }

    /** The default as text, {@code null} when the setting has none (unset). */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean isSecret() {
        return type instanceof ValueType.SecretValue;
    }

    /** A boolean flag is present or absent; it takes no value. */
    public boolean isSwitch() {
        return type instanceof ValueType.Bool;
    }

    /** The value a switch's flag stands for: {@code --no-...} flags turn the setting off. */
    public String switchValue() {
        return flag.startsWith("--no-") ? "false" : "true";
    }

    public boolean usedBy(VerbName verb) {
        return verbs.contains(verb);
    }

    /** The settings a verb reads, in definition order. */
    public static List<Setting> forVerb(VerbName verb) {
        return Arrays.stream(values()).filter(setting -> setting.usedBy(verb)).toList();
    }

    /** The settings a verb (or the library's method of that name) cannot run without. */
    public static Set<Setting> requiredBy(VerbName verb) {
        return Arrays.stream(values()).filter(setting -> setting.requiredBy.contains(verb))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Setting.class)));
    }

    private static Set<VerbName> only(VerbName first, VerbName... more) {
        return EnumSet.of(first, more);
    }

    private static Set<VerbName> with(Set<VerbName> group, VerbName... more) {
        Set<VerbName> verbs = EnumSet.copyOf(group);
        verbs.addAll(List.of(more));
        return verbs;
    }

    /** The setting read from the environment variable {@code name}, or null. */
    public static Setting byEnvName(String name) {
        return BY_ENV_NAME.get(name);
    }

    /** The setting given with the flag {@code flag} ({@code --host}), or null. */
    public static Setting byFlag(String flag) {
        return BY_FLAG.get(flag);
    }

    // --- typed reads, as on pgjdbc's PGProperty: each asks for the kind of value it returns -------------------

    /** A text setting's value (text, a choice, a host name); null when an optional one is unset. */
    String text(SettingsLoader values) {
        return read(values, ValueType.TextValue.class);
    }

    int number(SettingsLoader values) {
        return read(values, ValueType.WholeNumber.class);
    }

    Duration seconds(SettingsLoader values) {
        return read(values, ValueType.Seconds.class);
    }

    /** A size in bytes; null when an optional one is unset. */
    Long size(SettingsLoader values) {
        return read(values, ValueType.Size.class);
    }

    /** A duration; null when an optional one is unset. */
    Duration span(SettingsLoader values) {
        return read(values, ValueType.TimeSpan.class);
    }

    boolean isTrue(SettingsLoader values) {
        return read(values, ValueType.Bool.class);
    }

    /** A name's value (a role, publication or slot). */
    Identifier identifier(SettingsLoader values) {
        return read(values, ValueType.NameValue.class);
    }

    /** A secret's value; null when it is not set. */
    Secret secret(SettingsLoader values) {
        return read(values, ValueType.SecretValue.class);
    }

    CaptureSet capture(SettingsLoader values) {
        return read(values, ValueType.TableList.class);
    }

    URI url(SettingsLoader values) {
        return read(values, ValueType.HttpUrl.class);
    }

    /** The settings a database URL carries. */
    Map<Setting, String> urlParts(SettingsLoader values) {
        return read(values, ValueType.ConnectionUrl.class);
    }

    /**
     * The value as {@code kind} reads it. Enum constants cannot carry a type parameter, so whether this setting is of
     * that kind is checked here, at the read (every read runs on each load, so a wrong one fails every test).
     */
    private <T> T read(SettingsLoader values, Class<? extends ValueType<T>> kind) {
        if (!kind.isInstance(type)) {
            throw new IllegalStateException(this + " takes " + type.accepts() + ", not " + kind.getSimpleName());
        }
        return values.read(this, kind.cast(type));
    }

    /** Every setting by {@code key}; a key two settings share fails the enum's loading. */
    private static Map<String, Setting> unique(Function<Setting, String> key) {
        Map<String, Setting> byKey = new HashMap<>();
        for (Setting setting : values()) {
            Setting other = byKey.put(key.apply(setting), setting);
            if (other != null) {
                throw new IllegalStateException(other + " and " + setting + " share " + key.apply(setting));
            }
        }
        return Map.copyOf(byKey);
    }
}
