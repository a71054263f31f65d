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

    /**
     * The statements sent for work that commits as it goes (a DO block with COMMIT between batches): with no
     * surrounding transaction SET LOCAL would not last, so the session's lock_timeout is set and reset.
     */
    public List<String> autocommitStatements(String sql) {
        return List.of("SET lock_timeout = '" + lockTimeout.toMillis() + "ms'", sql, "RESET lock_timeout");
    }

    /**
     * Runs {@code sql} on an autocommit connection with the lock_timeout set for the session, retrying a lock
     * timeout like {@link #execute}. What committed before a failure stays; the work must be idempotent, so
     * the retry (or the next run) continues where it stopped.
     */
    public void executeAutocommit(Connection connection, String step, String sql) throws SQLException {
        List<String> statements = autocommitStatements(sql);
        for (int attempt = 1; ; attempt++) {
            try (Statement statement = connection.createStatement()) {
                try {
                    statement.execute(statements.get(0));
                    statement.execute(statements.get(1));
                } catch (SQLException e) {
                    try {
                        statement.execute(statements.get(2));
                    } catch (SQLException reset) {
                        e.addSuppressed(reset);
                    }
                    throw e;
                }
                statement.execute(statements.get(2));
                return;
            } catch (SQLException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw e;
                }
                if (attempt >= attempts) {
                    throw new ConfigurerException(ErrorCode.FAILED, "Could not get a lock for '" + step + "' within "
                            + lockTimeout.toMillis() + " ms, " + attempts + " times; tables changed before that"
                            + " keep their change, the others were left as they were. "
                            + lockReporter.describeBlockers(connection)
                            + " Let those transactions finish (or end them), then run migrate again;"
                            + " --lock-timeout sets the wait.", e);
                }
                backoff(attempt);
            }
        }
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
