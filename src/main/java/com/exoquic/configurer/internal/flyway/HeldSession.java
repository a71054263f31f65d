package com.exoquic.configurer.internal.flyway;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The session a run already holds (its run lock, its catalog read), as the DataSource Flyway asks for its
 * connections: every one is that session, and Flyway's close leaves it open for the run. A first run then logs in
 * once instead of five times (Flyway 13 opens a main, a migration and one connection per callback event). Flyway
 * gives back what it changed on each connection it closes (its search path, its role), so the session comes back
 * as the run left it. Only for a Flyway whose lock is not transactional (see {@link ExoquicFlyway}): with its
 * default lock, taken in a transaction on one session, Flyway runs the migrations on a second.
 */
final class HeldSession implements DataSource {
    private final Connection session;

    HeldSession(Connection session) {
        this.session = session;
    }

    @Override
    public Connection getConnection() {
        return (Connection) Proxy.newProxyInstance(HeldSession.class.getClassLoader(), new Class<?>[] {Connection.class},
                new KeptOpen(session));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Flyway runs on the session the run holds");
    }

    /** Passes every call through, except close and abort: the session is the run's to close. */
    private record KeptOpen(Connection session) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close", "abort" -> {
                    return null;
                }
                case "isClosed" -> {
                    return session.isClosed();
                }
                default -> {
                    try {
                        return method.invoke(session, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
