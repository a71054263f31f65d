package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One migrate at a time per database. Flyway's own lock covers only its migrations, not our callbacks: two runs
 * setting the role's password at once fail with "tuple concurrently updated". A session-level advisory lock,
 * held on the run's own connection, makes a second run wait for the first and then find nothing left to do.
 * Its key uses the two-integer form, a key space apart from Flyway's single bigint lock.
 */
public final class RunLock implements AutoCloseable {
    /** "exoq" as an integer; the second key tells our locks apart should we ever need more. */
    static final int CLASS_KEY = 0x65786f71;
    static final int MIGRATE_KEY = 1;
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);

    private static final String HOLDER = """
            SELECT a.pid, COALESCE(NULLIF(a.application_name, ''), '-'), COALESCE(a.client_addr::text, 'local'),
                   pg_catalog.date_trunc('second', pg_catalog.now() - a.backend_start)::text
              FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted AND l.database = (
                       SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
               AND l.classid = ?::oid AND l.objid = ?::oid AND l.objsubid = 2
             LIMIT 1""";

    private final Connection connection;

    private RunLock(Connection connection) {
        this.connection = connection;
    }

    /**
     * Takes the lock on {@code connection}, waiting up to {@code wait} for another run to finish (saying so
     * through {@code progress}); when it does not, fails naming the session that holds it.
     */
    public static RunLock acquire(Connection connection, Duration wait, Consumer<String> progress) throws SQLException {
        if (call(connection, "pg_try_advisory_lock")) {
            return new RunLock(connection);
        }
        progress.accept("Another exoquic-configurer run holds this database's run lock (" + holder(connection)
                + "); waiting up to " + wait.toSeconds() + " s for it to finish ...");
        String previousTimeout = setLockTimeout(connection, wait.toMillis() + "ms");
        try {
            call(connection, "pg_advisory_lock");
        } catch (SQLException e) {
            restoreLockTimeout(connection, previousTimeout, e);
            if (SqlStates.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw timedOut(connection, wait, e);
            }
            throw e;
        }
        setLockTimeout(connection, previousTimeout);
        return new RunLock(connection);
    }

    private static ConfigurerException timedOut(Connection connection, Duration wait, SQLException e) throws SQLException {
        return new ConfigurerException(ErrorCode.LOCK_TIMEOUT, "Another exoquic-configurer run (" + holder(connection)
                + ") still held this database's run lock after " + wait.toSeconds()
                + " s. Let it finish, or end that session with pg_terminate_backend(pid), then run again.", e);
    }

    // After a failed wait, a failing restore (say the session was ended) must not hide why the wait failed.
    private static void restoreLockTimeout(Connection connection, String previous, SQLException failure) {
        try {
            setLockTimeout(connection, previous);
        } catch (SQLException restoreFailure) {
            failure.addSuppressed(restoreFailure);
        }
    }

    /** Releases the lock. A lost connection (the server restarted under --wait-for-restart) has released it already. */
    @Override
    public void close() {
        try {
            call(connection, "pg_advisory_unlock");
        } catch (SQLException e) {
            // The session is gone, and its lock with it.
        }
    }

    /** Calls one of PostgreSQL's advisory lock functions with our key; returns its boolean result (false for void). */
    private static boolean call(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_catalog." + function + "(?, ?)::text = 'true'")) {
            statement.setInt(1, CLASS_KEY);
            statement.setInt(2, MIGRATE_KEY);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Sets the session's lock_timeout; returns the value it had. */
    private static String setLockTimeout(Connection connection, String value) throws SQLException {
        String previous;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.current_setting('lock_timeout')");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            previous = rs.getString(1);
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_catalog.set_config('lock_timeout', ?, false)")) {
            statement.setString(1, value);
            statement.execute();
        }
        return previous;
    }

    private static String holder(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HOLDER)) {
            statement.setInt(1, CLASS_KEY);
            statement.setInt(2, MIGRATE_KEY);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return "a session that has just ended";
                }
                return "pid " + rs.getInt(1) + ", application " + rs.getString(2) + ", from " + rs.getString(3)
                        + ", connected " + rs.getString(4) + " ago";
            }
        }
    }
}
