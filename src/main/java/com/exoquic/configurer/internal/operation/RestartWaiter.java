package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.plan.Phase;
import com.exoquic.configurer.internal.plan.Plan;
import com.exoquic.configurer.internal.plan.Results;
import com.exoquic.configurer.internal.plan.Step;
import com.exoquic.configurer.internal.postgres.Inspector;
import com.exoquic.configurer.internal.postgres.SqlFailures;
import com.exoquic.configurer.internal.postgres.SqlStates;
import com.exoquic.configurer.internal.retry.Sleeper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * {@code --wait-for-restart}: polls, reconnecting, until the server runs with wal_level = logical, then
 * runs the plan's steps that wait for it: the slot, the registration (the Railway flow: the platform restarts the
 * database while the tool waits).
 */
final class RestartWaiter {
    private static final Duration POLL = Duration.ofSeconds(2);
    private final DataSource dataSource;
    private final Inspector inspector;
    private final Duration limit;
    private final Consumer<String> progress;

    RestartWaiter(DataSource dataSource, Inspector inspector, Duration limit, Consumer<String> progress) {
        this.dataSource = dataSource;
        this.inspector = inspector;
        this.limit = limit;
        this.progress = progress;
    }

    void await(Plan plan, Results results) {
        progress.accept("The server must restart to apply wal_level = logical. Waiting up to " + format(limit)
                + " for the restart (restart the database now) ...");
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (finishIfRestarted(plan, results)) {
                progress.accept("The server has restarted with wal_level = logical.");
                return;
            }
            sleep();
        }
        progress.accept("Gave up waiting after " + format(limit) + ".");
    }

    /**
     * Runs the plan's AFTER_RESTART steps once the server runs with wal_level = logical; false while it has not restarted yet.
     * Only a lost or refused connection means "restarting"; any other failure ends the wait.
     */
    private boolean finishIfRestarted(Plan plan, Results results) {
        try (Connection connection = dataSource.getConnection()) {
            if (inspector.server(connection).restartNeeded()) {
                return false;
            }
            connection.setAutoCommit(true);
            for (Step step : plan.steps(Phase.AFTER_RESTART)) {
                results.run(step, connection);
            }
            return true;
        } catch (SQLException e) {
            if (SqlStates.isConnectionLoss(e)) {
                return false;
            }
            throw new ConfigurerException(SqlFailures.code(e), "Finishing after the restart failed: "
                    + SqlFailures.describe(e) + ". Fix the cause and run migrate again.", e);
        }
    }

    private static String format(Duration duration) {
        return duration.toMinutes() > 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    private static void sleep() {
        Sleeper.REAL.sleepOrStop(POLL, interrupted -> new ConfigurerException(ErrorCode.FAILED,
                "Interrupted while waiting for the server restart; the slot was not created. Run migrate again after"
                        + " the restart.", interrupted));
    }
}
