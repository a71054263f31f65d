package com.exoquic.configurer.flyway;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.postgres.LockReporter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a rendered migration inside Flyway's transaction with a short lock_timeout, so DDL on a user table
 * never queues behind a long transaction and blocks the application. A lock timeout is retried a few
 * times with backoff; then the run stops naming the blocking sessions, with the migration rolled back.
 */
public final class MigrationExecutor {
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private final Duration lockTimeout;
    private final int attempts;
    private final LockReporter lockReporter = new LockReporter();

    public MigrationExecutor(Duration lockTimeout, int attempts) {
        this.lockTimeout = lockTimeout;
        this.attempts = attempts;
    }

    /** The statements sent for a migration, in order (the dry-run prints these). */
    public List<String> statements(RenderedMigration migration) {
        List<String> statements = new ArrayList<>();
        statements.add("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
        statements.add(migration.sql());
        return statements;
    }

    public void execute(Connection connection, RenderedMigration migration) throws SQLException {
        List<String> statements = statements(migration);
        for (int attempt = 1; ; attempt++) {
            Savepoint savepoint = connection.setSavepoint();
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                connection.releaseSavepoint(savepoint);
                return;
            } catch (SQLException e) {
                rollback(connection, savepoint, e);
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw e;
                }
                if (attempt >= attempts) {
                    throw new ConfigurerException(ErrorCode.FAILED, "Could not get a lock for '"
                            + migration.getDescription() + "' within " + lockTimeout.toMillis() + " ms, "
                            + attempts + " times; nothing of this step was applied. "
                            + lockReporter.describeBlockers(connection)
                            + " Let those transactions finish (or end them), then run migrate again;"
                            + " --lock-timeout sets the wait.", e);
                }
                backoff(attempt);
            }
        }
    }

    // On a lost connection the rollback fails too; the first error is the one that says what happened.
    private static void rollback(Connection connection, Savepoint savepoint, SQLException cause) throws SQLException {
        try {
            connection.rollback(savepoint);
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
            throw cause;
        }
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(200L * (1L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
