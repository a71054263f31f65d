package com.exoquic.configurer.plan;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.flyway.RunState;
import com.exoquic.configurer.postgres.SqlStates;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * {@code --wait-for-restart}: polls, reconnecting, until the server runs with wal_level = logical, then
 * creates the slot (the Railway flow: the platform restarts the database while the tool waits).
 */
final class RestartWaiter {
    private static final Duration POLL = Duration.ofSeconds(2);
    private final DataSource dataSource;
    private final Steps steps;
    private final Duration limit;
    private final Consumer<String> progress;

    RestartWaiter(DataSource dataSource, Steps steps, Duration limit, Consumer<String> progress) {
        this.dataSource = dataSource;
        this.steps = steps;
        this.limit = limit;
        this.progress = progress;
    }

    void await(RunState state) {
        progress.accept("The server must restart to apply wal_level = logical. Waiting up to " + format(limit)
                + " for the restart (restart the database now) ...");
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (finishIfRestarted(state)) {
                progress.accept("The server has restarted with wal_level = logical.");
                return;
            }
            sleep();
        }
        progress.accept("Gave up waiting after " + format(limit) + ".");
    }

    /**
     * Creates the slot once the server runs with wal_level = logical; false while it has not restarted yet.
     * Only a lost or refused connection means "restarting"; any other failure ends the wait.
     */
    private boolean finishIfRestarted(RunState state) {
        try (Connection connection = dataSource.getConnection()) {
            if (ServerSettingsStep.restartNeeded(steps.inspector.server(connection))) {
                return false;
            }
            connection.setAutoCommit(true);
            state.slotCreated(steps.slot.apply(connection));
            state.restartNeeded(false);
            return true;
        } catch (SQLException e) {
            if (SqlStates.isConnectionLoss(e)) {
                return false;
            }
            throw new ConfigurerException(ErrorCode.FAILED, "Finishing after the restart failed: "
                    + FailureTranslator.describe(e) + ". Fix the cause and run migrate again.", e);
        }
    }

    private static String format(Duration duration) {
        return duration.toMinutes() > 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    // An interrupt means "stop": polling on would spin, as every later sleep returns at once.
    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurerException(ErrorCode.FAILED, "Interrupted while waiting for the server restart;"
                    + " the slot was not created. Run migrate again after the restart.", e);
        }
    }
}
