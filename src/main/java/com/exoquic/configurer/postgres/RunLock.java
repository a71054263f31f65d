package com.exoquic.configurer.postgres;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
                   date_trunc('second', now() - a.backend_start)::text
              FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted AND l.database = (
                       SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
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
        if (tryLock(connection)) {
            return new RunLock(connection);
        }
        String holder = holder(connection);
        progress.accept("Another exoquic-configurer run holds this database's run lock (" + holder
                + "); waiting up to " + wait.toSeconds() + " s for it to finish ...");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = '" + wait.toMillis() + "ms'");
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_catalog.pg_advisory_lock(?, ?)")) {
                keys(lock);
                lock.execute();
            } catch (SQLException e) {
                if (!"55P03".equals(e.getSQLState())) {
                    throw e;
                }
                throw new ConfigurerException(ErrorCode.FAILED, "Another exoquic-configurer run (" + holder(connection)
                        + ") still held this database's run lock after " + wait.toSeconds()
                        + " s. Let it finish, or end that session with pg_terminate_backend(pid), then run again.", e);
            } finally {
                statement.execute("RESET lock_timeout");
            }
        }
        return new RunLock(connection);
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.pg_try_advisory_lock(?, ?)")) {
            keys(statement);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String holder(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HOLDER)) {
            keys(statement);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return "a session that has just ended";
                }
                return "pid " + rs.getInt(1) + ", application " + rs.getString(2) + ", from " + rs.getString(3)
                        + ", connected " + rs.getString(4) + " ago";
            }
        }
    }

    private static void keys(PreparedStatement statement) throws SQLException {
        statement.setInt(1, CLASS_KEY);
        statement.setInt(2, MIGRATE_KEY);
    }

    /** Releases the lock. A lost connection (the server restarted under --wait-for-restart) has released it already. */
    @Override
    public void close() {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.pg_advisory_unlock(?, ?)")) {
            keys(statement);
            statement.execute();
        } catch (SQLException e) {
            // The session is gone, and its lock with it.
        }
    }
}
