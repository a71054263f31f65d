package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.postgres.LockReporter;
import com.exoquic.configurer.internal.postgres.SearchPath;
import com.exoquic.configurer.internal.postgres.SqlStates;
import com.exoquic.configurer.internal.retry.Backoff;
import com.exoquic.configurer.internal.retry.Sleeper;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Runs DDL on user tables with a short lock_timeout, so it never queues behind a long transaction and blocks the
 * application. A lock timeout is retried a few times with backoff; then the run stops naming the blocking sessions.
 * An interrupt while waiting to retry ends the run.
 */
public final class MigrationExecutor {
    private static final Backoff BACKOFF = Backoff.exponential(Duration.ofMillis(400), Duration.ofMillis(6400));
    private final Duration lockTimeout;
    private final int attempts;
    private final LockReporter lockReporter = new LockReporter();

    public MigrationExecutor(Duration lockTimeout, int attempts) {
        this.lockTimeout = lockTimeout;
        this.attempts = attempts;
    }

    /**
     * The statements sent for a migration inside Flyway's transaction, in order. Flyway runs migrations with its
     * schema put first in the session's search path: the migration's own comes first, until the transaction ends.
     */
    public List<String> statements(String sql) {
        return List.of(SearchPath.SET_LOCAL, "SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'", sql);
    }

    /**
     * The statements sent for work that commits as it goes (a DO block with COMMIT between batches): with no
     * surrounding transaction SET LOCAL would not last, so the session's lock_timeout is set and reset.
     */
    public List<String> autocommitStatements(String sql) {
        return List.of("SET lock_timeout = '" + lockTimeout.toMillis() + "ms'", sql, "RESET lock_timeout");
    }

    /**
     * Runs {@link #autocommitStatements} on an autocommit connection, retrying a lock timeout like {@link #execute}.
     * What committed before a failure stays; the work must be idempotent, so the retry (or the next run) continues.
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
                retryOrFail(connection, e, attempt, "'" + step + "'", "tables changed before that keep their change,"
                        + " the others were left as they were");
            }
        }
    }

    /** Runs {@link #statements} inside the caller's transaction, under a savepoint so a lock timeout can retry. */
    public void execute(Connection connection, String step, String sql) throws SQLException {
        List<String> statements = statements(sql);
        for (int attempt = 1; ; attempt++) {
            Savepoint savepoint = connection.setSavepoint();
            try (Statement statement = connection.createStatement()) {
                for (String each : statements) {
                    statement.execute(each);
                }
                connection.releaseSavepoint(savepoint);
                return;
            } catch (SQLException e) {
                rollback(connection, savepoint, e);
                retryOrFail(connection, e, attempt, "'" + step + "'", "nothing of this step was applied");
            }
        }
    }

    private void retryOrFail(Connection connection, SQLException e, int attempt, String step, String left)
            throws SQLException {
        if (!SqlStates.LOCK_NOT_AVAILABLE.equals(SqlStates.of(e))) {
            throw e;
        }
        if (attempt >= attempts) {
            throw new ConfigurerException(ErrorCode.LOCK_TIMEOUT, "Could not get a lock for " + step + " within "
                    + lockTimeout.toMillis() + " ms, " + attempts + " times; " + left + ". "
                    + lockReporter.describeBlockers(connection)
                    + " Let those transactions finish (or end them), then run migrate again;"
                    + " --lock-timeout sets the wait.", e);
        }
        Sleeper.REAL.sleepOrStop(BACKOFF.delay(attempt), interrupted -> new ConfigurerException(ErrorCode.FAILED,
                "Interrupted while waiting to retry the lock for " + step + "; " + left + ". Run migrate again.",
                interrupted));
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
}
