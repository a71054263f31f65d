package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.internal.cloud.TlsWarmUp;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.flyway.ExoquicFlyway;
import com.exoquic.configurer.internal.plan.Plan;
import com.exoquic.configurer.internal.plan.Planner;
import com.exoquic.configurer.internal.plan.Results;
import com.exoquic.configurer.internal.plan.RunOptions;
import com.exoquic.configurer.internal.postgres.CatalogState;
import com.exoquic.configurer.internal.postgres.Connector;
import com.exoquic.configurer.internal.postgres.RunLock;
import com.exoquic.configurer.internal.postgres.SqlFailures;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The migrate run: under the run lock, plan (nothing changes when preflight finds a problem), let Flyway interpret
 * the plan, wait for the restart when asked, then report what each step did and the catalog as read after the run.
 */
public final class Migrator {
    private final Settings settings;
    private final DataSource dataSource;
    private final RunOptions options;

    public Migrator(Settings settings, DataSource dataSource, RunOptions options) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.options = options;
    }

    /** Holds the run lock from reading the catalog to the end, so a concurrent run waits, then finds nothing to do. */
    public MigrationReport migrate() {
        TlsWarmUp.startIfRegistering(settings); // overlaps the TLS set-up with the database work
        Planner planner = new Planner(settings, options);
        Results results = new Results(options.progress(), options.stepProgress());
        Planner.Planned planned;
        ReportBuilder.After after = null;
        try (Connection connection = connector().open(); RunLock ignored = lock(connection)) {
            planned = plan(planner, connection);
            if (planned.upToDate()) {
                // The fast path: nothing to send and a clean history, so Flyway need not start; the catalog just
                // read is the catalog after the run. A full read that found nothing to do is recorded, so the next
                // run skips the checks that grow with the number of tables while the catalog stays as it is.
                record(planner, connection, planned);
                return new ReportBuilder(settings, planned, results.of(planned.plan())).build(
                        new ReportBuilder.After(planned.snapshot().server(), planned.snapshot().keylessTables()));
            }
            apply(connection, planned.plan(), results);
            if (planned.plan().restartFirst() && options.waitForRestart() != null) {
                new RestartWaiter(dataSource, planner.inspector(), options.waitForRestart(), options.progress())
                        .await(planned.plan(), results);
            } else {
                after = readBack(planner, planned, connection); // the server did not restart: this session still works
            }
        }  catch (SQLException e) {
            throw SqlFailures.reading(e); // closing the lock's connection is all that is left to fail here
        }
        if (after == null) { // after a restart, a new session
            try (Connection connection = connector().open()) {
                after = readBack(planner, planned, connection);
            } catch (SQLException e) {
                throw SqlFailures.reading(e);
            }
        }
        return new ReportBuilder(settings, planned, results.of(planned.plan())).build(after);
    }

    private static Planner.Planned plan(Planner planner, Connection connection) {
        try {
            return planner.plan(connection).requirePreflight();
        } catch (SQLException e) {
            throw SqlFailures.reading(e);
        }
    }

    private static void record(Planner planner, Connection connection, Planner.Planned planned) throws SQLException {
        CatalogState state = planned.snapshot().catalogState();
        if (state.worthRecording()) {
            planner.inspector().record(connection, state);
        }
    }

    private static void apply(Connection session, Plan plan, Results results) {
        try {
            ExoquicFlyway.create(session, plan, results).migrate();
        } catch (FlywayException | ConfigurerException e) {
            throw FailureTranslator.translate(e);
        }
    }

    /**
     * What the report states of the catalog after the run: the server's parameters, and the identities of the keyless
     * tables the plan found (not a second read of the whole catalog).
     */
    private static ReportBuilder.After readBack(Planner planner, Planner.Planned planned, Connection connection) {
        try {
            return new ReportBuilder.After(planner.inspector().server(connection),
                    planner.inspector().identities(connection, planned.snapshot().keylessTables()));
        } catch (SQLException e) {
            throw SqlFailures.reading(e);
        }
    }

    private RunLock lock(Connection connection) {
        try {
            return RunLock.acquire(connection, RunLock.DEFAULT_WAIT, options.progress());
        } catch (SQLException e) {
            throw SqlFailures.lockFailure(e);
        }
    }

    private Connector connector() {
        return Connector.of(dataSource, settings.connection(), options.progress());
    }
}
