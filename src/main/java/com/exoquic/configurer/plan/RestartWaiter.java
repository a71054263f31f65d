package com.exoquic.configurer.plan;

import com.exoquic.configurer.flyway.RunState;

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
            try (Connection connection = dataSource.getConnection()) {
                if (!ServerSettingsStep.restartNeeded(steps.inspector.server(connection))) {
                    connection.setAutoCommit(true);
                    state.slotCreated(steps.slot.apply(connection));
                    state.restartNeeded(false);
                    progress.accept("The server has restarted with wal_level = logical.");
                    return;
                }
            } catch (SQLException e) {
                // The server is restarting: try again.
            }
            sleep();
        }
        progress.accept("Gave up waiting after " + format(limit) + ".");
    }

    private static String format(Duration duration) {
        return duration.toMinutes() > 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
