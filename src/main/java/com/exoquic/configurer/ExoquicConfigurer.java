package com.exoquic.configurer;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.api.StatusReport;
import com.exoquic.configurer.postgres.StatusReader;
import java.sql.Connection;
import java.sql.SQLException;
import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.config.SettingsLoader;
import com.exoquic.configurer.plan.DryRun;
import com.exoquic.configurer.plan.Migrator;
import com.exoquic.configurer.plan.Validator;
import com.exoquic.configurer.postgres.Connector;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The library entry point. Immutable; results are objects, not printed text.
 *
 * <pre>{@code
 * Settings settings = SettingsLoader.fromEnvironment(Set.of(Setting.REPLICATION_PASSWORD));
 * MigrationReport report = ExoquicConfigurer.configure(settings).migrate();
 * if (report.restartRequired()) {
 *     // restart PostgreSQL, then call migrate() again
 * }
 * }</pre>
 *
 * Every failure is a {@link com.exoquic.configurer.api.ConfigurerException} whose code maps to the CLI's
 * exit status.
 */
public final class ExoquicConfigurer {
    private final Settings settings;
    private final DataSource dataSource;
    private final Migrator.RunOptions options;

    private ExoquicConfigurer(Settings settings, DataSource dataSource, Migrator.RunOptions options) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.options = options;
    }

    /** Connects with the connection settings in {@code settings}. */
    public static ExoquicConfigurer configure(Settings settings) {
        return new ExoquicConfigurer(settings, Connector.dataSource(settings.connection(), false),
                Migrator.RunOptions.defaults());
    }

    /** Reads every setting from the environment variables of the CLI. */
    public static ExoquicConfigurer fromEnvironment() {
        return configure(SettingsLoader.fromEnvironment(Set.of()));
    }

    /** Uses the application's own DataSource (its user must be able to do what migrate does). */
    public ExoquicConfigurer dataSource(DataSource dataSource) {
        return new ExoquicConfigurer(settings, dataSource, options);
    }

    /** Wait up to {@code limit} for the server restart instead of returning with restartRequired. */
    public ExoquicConfigurer waitForRestart(Duration limit) {
        return new ExoquicConfigurer(settings, dataSource, options.withWaitForRestart(limit));
    }

    public ExoquicConfigurer options(Migrator.RunOptions options) {
        return new ExoquicConfigurer(settings, dataSource, options);
    }

    public MigrationReport migrate() {
        return new Migrator(settings, dataSource, options).migrate();
    }

    /**
     * The statements {@link #migrate()} would send now, secrets masked; changes nothing. Like {@link #validate()},
     * it opens its own read-only session from the connection settings, not from {@link #dataSource}.
     */
    public List<PlannedStatement> plan() {
        return new DryRun(settings, Connector.dataSource(settings.connection(), true), options.allowInsecureCloudUrl())
                .plan();
    }

    /** Every reason migrate would fail now (preflight and Flyway validation); empty when it would succeed. */
    public List<String> validate() {
        return new Validator(settings, Connector.dataSource(settings.connection(), true), options.progress()).problems();
    }

    /** Health of the setup; {@code maxRetainedWalBytes} is the most WAL an inactive slot may hold. */
    public StatusReport status(long maxRetainedWalBytes) {
        try (Connection connection = Connector.of(dataSource, settings.connection(), options.progress()).open()) {
            return new StatusReader().read(connection, settings.slot(), maxRetainedWalBytes);
        } catch (SQLException e) {
            throw new ConfigurerException(ErrorCode.FAILED, "Reading exoquic.status failed: " + e.getMessage(), e);
        }
    }

    public Settings settings() {
        return settings;
    }
}
