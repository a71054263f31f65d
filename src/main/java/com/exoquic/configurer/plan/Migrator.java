package com.exoquic.configurer.plan;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.StepReport;
import com.exoquic.configurer.cloud.CloudEndpoint;
import com.exoquic.configurer.cloud.CloudRegistrar;
import com.exoquic.configurer.cloud.RegistrationRequest;
import com.exoquic.configurer.cloud.RetryPolicy;
import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.flyway.ExoquicFlyway;
import com.exoquic.configurer.flyway.RenderedMigration;
import com.exoquic.configurer.flyway.RunState;
import com.exoquic.configurer.postgres.Connector;
import com.exoquic.configurer.postgres.RunLock;
import com.exoquic.configurer.postgres.Snapshot;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The migrate run: connect, inspect, preflight (nothing changes if it finds a problem), then Flyway with the
 * settings and slot callbacks, an optional wait for the restart, and the cloud registration.
 */
public final class Migrator {
    private static final String REPLICA_IDENTITY = "4 replica identity";
    private final Steps steps;
    private final Settings settings;
    private final DataSource dataSource;
    private final RunOptions options;

    public Migrator(Settings settings, DataSource dataSource, RunOptions options) {
        this.steps = new Steps(settings);
        this.settings = settings;
        this.dataSource = dataSource;
        this.options = options;
    }

    /** Holds the run lock from reading the catalog to the end, so a concurrent run waits, then finds nothing to do. */
    public MigrationReport migrate() {
        CloudEndpoint endpoint = endpoint();
        try (Connection connection = Connector.of(dataSource, settings.connection(), options.progress()).open();
             RunLock ignored = lock(connection)) {
            return migrate(new Renderer(steps, dataSource).render(connection).requirePreflight(), endpoint);
        } catch (SQLException e) {
            throw Renderer.readFailure(e);
        }
    }

    private RunLock lock(Connection connection) {
        try {
            return RunLock.acquire(connection, RunLock.DEFAULT_WAIT, options.progress());
        } catch (SQLException e) {
            throw FailureTranslator.lockFailure(e);
        }
    }

    private MigrationReport migrate(Renderer.Rendered rendered, CloudEndpoint endpoint) {
        Snapshot snapshot = rendered.snapshot();
        List<RenderedMigration> migrations = rendered.migrations();
        RunState state = new RunState();
        MigrateResult result;
        try {
            result = ExoquicFlyway.create(dataSource, migrations, steps.serverSettings,
                    connection -> steps.replicaIdentity.apply(connection, settings, snapshot),
                    steps.password, steps.slot, steps.inspector, state).migrate();
        } catch (FlywayException | ConfigurerException e) {
            throw FailureTranslator.translate(e);
        }
        if (state.restartNeeded() && options.waitForRestart() != null) {
            new RestartWaiter(dataSource, steps, options.waitForRestart(), options.progress()).await(state);
        }
        ReportBuilder report = new ReportBuilder(settings, snapshot);
        report.settings(state.settings());
        Set<String> executed = executed(result);
        if (state.replicaIdentityChanged()) {
            executed.add(REPLICA_IDENTITY); // done by the batched step before R__4, which then had nothing left
        }
        report.migrations(migrations, executed);
        report.password(state.passwordSet());
        report.slot(state.slotCreated());
        report.registration(register(endpoint, state));
        report.notes();
        return report.build(state.restartNeeded());
    }

    /** Fails fast (exit 2) on a bad cloud URL, before anything changes. */
    private CloudEndpoint endpoint() {
        return settings.apiKey() == null ? null : CloudEndpoint.of(settings.cloudUrl(), options.allowInsecureCloudUrl());
    }

    private StepReport register(CloudEndpoint endpoint, RunState state) {
        String name = "cloud registration";
        if (endpoint == null) {
            return new StepReport(name, Outcome.SKIPPED, "EXOQUIC_API_KEY is not set");
        }
        if (state.restartNeeded()) {
            return new StepReport(name, Outcome.SKIPPED, "runs after the restart, with the slot");
        }
        var result = CloudRegistrar.of(endpoint, options.retryPolicy(), settings).register(RegistrationRequest.from(settings));
        return new StepReport(name, Outcome.DONE, "registered with " + endpoint.baseUrl() + " (HTTP " + result.status() + ")");
    }

    private static Set<String> executed(MigrateResult result) {
        List<MigrateOutput> outputs = result.migrations == null ? List.of() : result.migrations;
        return outputs.stream().map(output -> output.description).collect(Collectors.toCollection(HashSet::new));
    }

    /** Options of a run that are not database settings. */
    public record RunOptions(Duration waitForRestart, boolean allowInsecureCloudUrl, RetryPolicy retryPolicy,
                             Consumer<String> progress) {
        public static RunOptions defaults() {
            return new RunOptions(null, false, RetryPolicy.defaults(), message -> { });
        }

        public RunOptions withWaitForRestart(Duration wait) {
            return new RunOptions(wait, allowInsecureCloudUrl, retryPolicy, progress);
        }

        public RunOptions withProgress(Consumer<String> listener) {
            return new RunOptions(waitForRestart, allowInsecureCloudUrl, retryPolicy, listener);
        }
    }
}
