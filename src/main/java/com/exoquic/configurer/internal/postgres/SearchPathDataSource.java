package com.exoquic.configurer.internal.postgres;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * An application's DataSource as the tool uses it: each connection runs with {@link SearchPath#SAFE} while the tool
 * (or the Flyway it starts) holds it, and goes back with the search path it came with. The tool's own connections
 * need none of this: {@link Connector#dataSource} sets the path in the startup packet.
 */
public final class SearchPathDataSource extends DelegatingDataSource {

    private SearchPathDataSource(DataSource application) {
        super(application);
    }

    public static DataSource of(DataSource application) {
        return application instanceof SearchPathDataSource ? application : new SearchPathDataSource(application);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pinned(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pinned(delegate.getConnection(username, password));
    }

    private static Connection pinned(Connection connection) throws SQLException {
        SearchPath.Pinned pinned;
        try {
            pinned = SearchPath.pin(connection);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(SearchPathDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Restoring(connection, pinned));
    }

    /** Passes every call through; close restores the search path first, then hands the connection back. */
    private static final class Restoring implements InvocationHandler {
        private final Connection connection;
        private final SearchPath.Pinned pinned;
        private boolean closed;

        Restoring(Connection connection, SearchPath.Pinned pinned) {
            this.connection = connection;
            this.pinned = pinned;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                close();
                return null;
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void close() throws SQLException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                pinned.close();
            } catch (SQLException e) {
                if (!SqlStates.isConnectionLoss(e)) { // a lost session (a server restart) had its path go with it
                    throw e;
                }
            } finally {
                connection.close();
            }
        }
    }

}
