package com.exoquic.configurer;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ExportResult;
import com.exoquic.configurer.api.ExportSet;
import com.exoquic.configurer.api.Finding;
import com.exoquic.configurer.api.InfoReport;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.api.StatusReport;
import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.config.SettingsLoader;
import com.exoquic.configurer.internal.config.VerbName;
import com.exoquic.configurer.internal.flyway.HistoryScript;
import com.exoquic.configurer.internal.operation.DryRun;
import com.exoquic.configurer.internal.plan.RunOptions;
import com.exoquic.configurer.internal.operation.Teardown;
import com.exoquic.configurer.internal.postgres.Connector;
import com.exoquic.configurer.internal.postgres.SearchPathDataSource;
import com.exoquic.configurer.internal.postgres.SqlFailures;
import com.exoquic.configurer.internal.postgres.StatusReader;
import com.exoquic.configurer.internal.operation.Exporter;
import com.exoquic.configurer.internal.operation.Info;
import com.exoquic.configurer.internal.operation.Migrator;
import com.exoquic.configurer.internal.operation.Validator;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The library entry point: an immutable configurer, built fluently, whose operations return objects, not text.
 *
 * <pre>{@code
 * MigrationReport report = ExoquicConfigurer.configure()
 *         .dataSource(applicationDataSource)
 *         .tables("orders", "sales.*")
 *         .replicationPassword(secret)
 *         .load()
 *         .migrate();
 * if (report.restartRequired()) {
 *     // restart PostgreSQL, then call migrate() again
 * }
 * }</pre>
 *
 * Settings not given keep their defaults, or come from the environment variables of the CLI when
 * {@link Builder#environment(Map)} (or {@link #fromEnvironment()}) is used. Every operation runs on the DataSource
 * given, or on connections made from the connection settings. Every failure is a {@link ConfigurerException} whose
 * code maps to the CLI's exit status.
 */
public final class ExoquicConfigurer {
    private final Builder source;
    private final Settings settings;
    private final DataSource dataSource;
    private final RunOptions options;

    private ExoquicConfigurer(Builder source, Settings settings, DataSource dataSource, RunOptions options) {
        this.source = source;
        this.settings = settings;
        this.dataSource = dataSource;
        this.options = options;
    }

    /** A builder with every setting at its default. */
    public static Builder configure() {
        return new Builder();
    }

    /** Every setting from the environment variables of the CLI. */
    public static ExoquicConfigurer fromEnvironment() {
        return configure().environment(System.getenv()).load();
    }

    /** Configures the database (exit code 3 in the CLI when {@link MigrationReport#restartRequired()}). */
    public MigrationReport migrate() {
        return new Migrator(settings(VerbName.MIGRATE), dataSource, options).migrate();
    }

    /** The statements {@link #migrate()} would send now, secrets masked; reads in a read-only transaction. */
    public List<PlannedStatement> plan() {
        return new DryRun(settings, dataSource, options, new HistoryScript(dataSource)).plan();
    }

    /**
     * Every reason migrate would fail now (preflight and Flyway validation), each with a code, the object and the
     * SQL that fixes it where there is one; empty when migrate would succeed.
     */
    public List<Finding> validate() {
        return new Validator(settings(VerbName.VALIDATE), dataSource, options).problems();
    }

    /** The migrations as Flyway sees them, the server settings, the slot and the publication. */
    public InfoReport info() {
        return new Info(settings, dataSource, options).read();
    }

    /**
     * Writes the migrations planned for this database as plain Flyway SQL files, both sets, into {@code dir/drop-in}
     * and {@code dir/separate-history}, with a README. Refused when {@code dir} is in a Flyway migration folder.
     */
    public ExportResult export(Path dir) {
        return new Exporter(settings, dataSource, options).export(dir);
    }

    /** Writes one set of the migrations straight into {@code dir}, e.g. the drop-in set into the application's. */
    public ExportResult export(Path dir, ExportSet set) {
        return new Exporter(settings, dataSource, options).export(dir, set);
    }

    /** Health of the setup, with the most WAL the slot may retain from EXOQUIC_MAX_RETAINED_WAL (default 1GB). */
    public StatusReport status() {
        return status(settings.maxRetainedWal());
    }

    /** Health of the setup; {@code maxRetainedWalBytes} is the most WAL the slot may retain. */
    public StatusReport status(long maxRetainedWalBytes) {
        try (Connection connection = Connector.of(dataSource, settings.connection(), options.progress()).open()) {
            return new StatusReader().read(connection, settings.slot(), maxRetainedWalBytes);
        } catch (SQLException e) {
            throw SqlFailures.reading(e);
        }
    }

    /** What {@link #teardown} would remove; changes nothing. */
    public List<PlannedStatement> teardownPlan(boolean force, boolean resetSettings) {
        return new Teardown(settings, dataSource, options.progress()).plan(force, resetSettings);
    }

    /** Removes what migrate created (never tables or data); returns what it ran. */
    public List<PlannedStatement> teardown(boolean force, boolean resetSettings) {
        return new Teardown(settings, dataSource, options.progress()).apply(force, resetSettings);
    }

    /** A builder holding this configurer's values, to change some. */
    public Builder toBuilder() {
        return source.copy();
    }

    /** The checked settings, for the fleet's planning (not public: the API shows no internal type). */
    Settings settings() {
        return settings;
    }

    /** The settings again, with those {@code verb} cannot run without required. */
    private Settings settings(VerbName verb) {
        return source.settings(Setting.requiredBy(verb));
    }

    /** Collects settings; {@link #load()} checks them all at once (a {@link ConfigurerException} lists every problem). */
    public static final class Builder {
        private final Map<Setting, String> values = new EnumMap<>(Setting.class);
        private final Map<Setting, String> commandLine = new EnumMap<>(Setting.class);
        private final Map<String, String> environment = new HashMap<>();
        private DataSource dataSource;
        private Duration waitForRestart;
        private boolean allowInsecureCloudUrl;
        private Consumer<String> progress = message -> { };
        private Consumer<String> stepProgress;

        private Builder() {
        }

        /** Reads the CLI's environment variables (PGHOST, TABLES_TO_CAPTURE, ...) from {@code env} for what is not set here. */
        public Builder environment(Map<String, String> env) {
            environment.putAll(env);
            return this;
        }

        /**
         * Values as the CLI's flags give them, keyed by flag name ({@code --host}, {@code --password-file}, ...; a
         * secret's flag names a file). They rank below values set here and above the environment.
         */
        public Builder commandLine(Map<String, String> flags) {
            flags.forEach((flag, value) -> {
                Setting setting = Setting.byFlag(flag);
                if (setting != null && value != null) {
                    commandLine.put(setting, value);
                }
            });
            return this;
        }

        /** The application's own DataSource: every operation runs on its connections (its user needs the rights). */
        public Builder dataSource(DataSource value) {
            this.dataSource = value;
            return this;
        }

        public Builder host(String value) {
            return set(Setting.HOST, value);
        }

        public Builder port(int value) {
            return set(Setting.PORT, Integer.toString(value));
        }

        public Builder database(String value) {
            return set(Setting.DATABASE, value);
        }

        /** How the connection uses TLS: {@code disable}, {@code prefer} (default), {@code require}, {@code verify-full}, ... */
        public Builder sslMode(String value) {
            return set(Setting.SSL_MODE, value);
        }

        /** Connection attempts while the server is starting (default 5). */
        public Builder connectAttempts(int value) {
            return set(Setting.CONNECT_ATTEMPTS, Integer.toString(value));
        }

        /** How long each connection attempt may take, in whole seconds (default 10 s). */
        public Builder connectTimeout(Duration value) {
            return seconds(Setting.CONNECT_TIMEOUT, value);
        }

        public Builder user(String value) {
            return set(Setting.USER, value);
        }

        public Builder password(String value) {
            return set(Setting.PASSWORD, value);
        }

        /** {@code postgres://...} or {@code jdbc:postgresql://...}; its parts rank below host(), port(), ... */
        public Builder url(String value) {
            return set(Setting.URL, value);
        }

        public Builder replicationUser(String value) {
            return set(Setting.REPLICATION_USER, value);
        }

        public Builder replicationPassword(String value) {
            return set(Setting.REPLICATION_PASSWORD, value);
        }

        public Builder publication(String value) {
            return set(Setting.PUBLICATION, value);
        }

        public Builder slot(String value) {
            return set(Setting.SLOT, value);
        }

        /** Tables to capture: {@code orders}, {@code sales.orders}, {@code "Sales"."Order Items"}, {@code sales.*}; none: all. */
        public Builder tables(String... entries) {
            return set(Setting.TABLES, String.join(",", entries));
        }

        public Builder apiKey(String value) {
            return set(Setting.API_KEY, value);
        }

        public Builder cloudUrl(String value) {
            return set(Setting.CLOUD_URL, value);
        }

        /** The Exoquic environment, {@code dev} or {@code prod} (default); the variable {@code EXOQUIC_ENV}. */
        public Builder exoquicEnv(String value) {
            return set(Setting.ENVIRONMENT, value);
        }

        /** How long to wait for a connection to the Exoquic cloud API, in whole seconds (default 10 s). */
        public Builder cloudConnectTimeout(Duration value) {
            return seconds(Setting.CLOUD_CONNECT_TIMEOUT, value);
        }

        /** How long to wait for the cloud API to answer a registration request, in whole seconds (default 30 s). */
        public Builder cloudRequestTimeout(Duration value) {
            return seconds(Setting.CLOUD_REQUEST_TIMEOUT, value);
        }

        /** The host Exoquic connects to, when it differs from the one this tool connects to. */
        public Builder publicHost(String value) {
            return set(Setting.PUBLIC_HOST, value);
        }

        public Builder lockTimeout(Duration value) {
            return seconds(Setting.LOCK_TIMEOUT, value);
        }

        public Builder slotTimeout(Duration value) {
            return seconds(Setting.SLOT_TIMEOUT, value);
        }

        /** Installs the DDL guard where the admin is a superuser (default true); false removes it. */
        public Builder ddlGuard(boolean value) {
            return set(Setting.DDL_GUARD, Boolean.toString(value));
        }

        /** Lets migrate change the password of a replication role that exists with another one. */
        public Builder rotateReplicationPassword(boolean value) {
            return set(Setting.ROTATE_REPLICATION_PASSWORD, Boolean.toString(value));
        }

        public Builder failoverSlot(boolean value) {
            return set(Setting.FAILOVER_SLOT, Boolean.toString(value));
        }

        /** Takes over an existing role, publication or empty exoquic schema this tool did not create. */
        public Builder adopt(boolean value) {
            return set(Setting.ADOPT, Boolean.toString(value));
        }

        /** Lets migrate drop and create again a slot PostgreSQL invalidated (its consumer must resynchronise). */
        public Builder recreateLostSlot(boolean value) {
            return set(Setting.RECREATE_LOST_SLOT, Boolean.toString(value));
        }

        /** Caps the WAL any slot may retain ({@code max_slot_wal_keep_size}, e.g. {@code "50GB"}); unset: left alone. */
        public Builder maxSlotWalKeepSize(String size) {
            return set(Setting.MAX_SLOT_WAL_KEEP_SIZE, size);
        }

        /** Invalidates a slot idle this long ({@code idle_replication_slot_timeout}, PostgreSQL 18+); unset: left alone. */
        public Builder idleSlotTimeout(Duration value) {
            return set(Setting.IDLE_SLOT_TIMEOUT, value == null ? null : value.toSeconds() + "s");
        }

        /** The most WAL {@link #status()} accepts the slot retaining, e.g. {@code "2GB"} (default 1GB). */
        public Builder maxRetainedWal(String size) {
            return set(Setting.MAX_RETAINED_WAL, size);
        }

        /** Any setting by its environment variable name, e.g. {@code set("EXOQUIC_ENV", "dev")}. */
        public Builder set(String environmentVariable, String value) {
            Setting setting = Setting.byEnvName(environmentVariable);
            if (setting == null) {
                throw new IllegalArgumentException(environmentVariable + " is not a setting of exoquic-configurer");
            }
            return set(setting, value);
        }

        /** When a restart is needed, wait up to {@code limit} for it, then finish, instead of reporting it. */
        public Builder waitForRestart(Duration limit) {
            this.waitForRestart = limit;
            return this;
        }

        /** Permit a plain http:// cloud URL to a host other than this machine. */
        public Builder allowInsecureCloudUrl(boolean allow) {
            this.allowInsecureCloudUrl = allow;
            return this;
        }

        /**
         * Hears, one line each, what a run waits for (another run's lock, a starting server, the restart), and each
         * step of migrate that ran longer than a second, when it ends.
         */
        public Builder progress(Consumer<String> listener) {
            this.progress = listener;
            return this;
        }

        /**
         * Hears every step of migrate that does work as it ends, however short ({@code grants: done (0.0 s)}), for
         * someone watching (the CLI's status line on a terminal); {@link #progress} then hears no step.
         */
        public Builder stepProgress(Consumer<String> listener) {
            this.stepProgress = listener;
            return this;
        }

        /**
         * Checks every setting; throws a {@link ConfigurerException} (configuration) listing every problem. A setting
         * an operation needs (the replication password for {@link #migrate()}) is checked when it runs.
         */
        public ExoquicConfigurer load() {
            return load(Set.of());
        }

        /** As {@link #load()}, with the settings that must be set checked too, so one run lists every problem. */
        ExoquicConfigurer load(Set<Setting> required) {
            Settings settings = settings(required);
            Builder snapshot = copy();
            // An application's connections get the tool's search path while the tool holds them, then their own back.
            DataSource source = dataSource != null ? SearchPathDataSource.of(dataSource)
                    : Connector.dataSource(settings.connection(), false);
            return new ExoquicConfigurer(snapshot, settings, source,
                    new RunOptions(waitForRestart, allowInsecureCloudUrl, progress, stepProgress));
        }

        private Builder seconds(Setting setting, Duration value) {
            return set(setting, value == null ? null : Long.toString(value.toSeconds()));
        }

        private Builder set(Setting setting, String value) {
            if (value == null) {
                values.remove(setting);
            } else {
                values.put(setting, value);
            }
            return this;
        }

        Settings settings(Set<Setting> required) {
            return SettingsLoader.load(values, commandLine, environment, required);
        }

        Builder copy() {
            Builder copy = new Builder();
            copy.values.putAll(values);
            copy.commandLine.putAll(commandLine);
            copy.environment.putAll(environment);
            copy.dataSource = dataSource;
            copy.waitForRestart = waitForRestart;
            copy.allowInsecureCloudUrl = allowInsecureCloudUrl;
            copy.progress = progress;
            copy.stepProgress = stepProgress;
            return copy;
        }
    }
}
