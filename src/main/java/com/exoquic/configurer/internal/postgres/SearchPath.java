package com.exoquic.configurer.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The search path the tool's SQL runs with: pg_catalog only, pg_temp named last so it is never searched first. The
 * tool runs as a superuser where others create objects: a function in {@code public} or in a schema named like the
 * admin ({@code "$user"}) whose argument types match a call exactly outranks pg_catalog's polymorphic or coercing one
 * (CVE-2018-1058), and a database owner may even put its schemas first (ALTER DATABASE ... SET search_path). Every
 * session the tool opens or is given runs with this path; its SQL qualifies its calls as well.
 */
public final class SearchPath {
    public static final String SAFE = "pg_catalog, pg_temp";
    /** In the startup packet (pgjdbc's {@code options}): no round trip, and it outranks ALTER DATABASE/ROLE ... SET. */
    public static final String STARTUP_OPTION = "-c search_path=pg_catalog,pg_temp";
    /** Inside a transaction (a migration in Flyway's): its end restores the path the session had. */
    public static final String SET_LOCAL = "SET LOCAL search_path = " + SAFE;

    // The subquery (kept apart by OFFSET 0) reads the path before the outer query changes it: one round trip.
    private static final String PIN = """
            SELECT before.path, pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', false)
              FROM (SELECT pg_catalog.current_setting('search_path') AS path OFFSET 0) AS before""";
    private static final String RESTORE = "SELECT pg_catalog.set_config('search_path', ?, false)";

    private SearchPath() {
    }

    /**
     * Sets the session's path to {@link #SAFE} until the returned handle is closed, which restores the path it had: for
     * a connection that is not the tool's own (an application's pooled one, Flyway's in a callback). Outside a
     * transaction; on a connection without autocommit the change is committed, so a rollback cannot undo it.
     */
    public static Pinned pin(Connection connection) throws SQLException {
        String before;
        try (PreparedStatement statement = connection.prepareStatement(PIN); ResultSet rs = statement.executeQuery()) {
            rs.next();
            before = rs.getString(1);
        }
        commitUnlessAutocommit(connection);
        return new Pinned(connection, before);
    }

    /** The search path of a session as it was before {@link #pin}; closing restores it. */
    public static final class Pinned implements AutoCloseable {
        private final Connection connection;
        private final String before;

        private Pinned(Connection connection, String before) {
            this.connection = connection;
            this.before = before;
        }

        @Override
        public void close() throws SQLException {
            if (!connection.getAutoCommit()) {
                connection.rollback(); // whatever the tool left open, so the restore itself is not lost with it
            }
            try (PreparedStatement statement = connection.prepareStatement(RESTORE)) {
                statement.setString(1, before);
                statement.execute();
            }
            commitUnlessAutocommit(connection);
        }
    }

    private static void commitUnlessAutocommit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
