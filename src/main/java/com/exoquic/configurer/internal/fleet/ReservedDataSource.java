package com.exoquic.configurer.internal.fleet;

import org.postgresql.PGConnection;

import com.exoquic.configurer.internal.postgres.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The DataSource one target's run gets: at most {@code reserved} sessions open at once, the number the fleet took
 * from its server's budget before the run started. One more is refused loudly (an error that names the target and
 * the limit, never a wait), so a run can neither exceed the server's limit unnoticed nor deadlock on it. It also
 * remembers its open sessions, so a run past its time limit can be cancelled and, failing that, cut off.
 */
final class ReservedDataSource extends DelegatingDataSource {
    private final int reserved;
    private final String target;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private int peak;
    private volatile boolean closed;

    ReservedDataSource(DataSource delegate, int reserved, String target) {
        super(delegate);
        this.reserved = reserved;
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new SQLException("the fleet run of " + target + " has ended (time limit); no new session", "08003");
            }
            if (open.size() >= reserved) {
                throw new SQLException("exoquic-configurer wanted session " + (open.size() + 1) + " for " + target
                        + ", but reserved " + reserved + " from its server's connection limit: this is a bug, please"
                        + " report it", "53300");
            }
        }
        Connection connection = delegate.getConnection();
        Connection tracked = track(connection);
        synchronized (this) {
            open.add(tracked);
            peak = Math.max(peak, open.size());
            if (closed) { // the time limit struck while this session was opening
                open.remove(tracked);
                connection.close();
                throw new SQLException("the fleet run of " + target + " has ended (time limit); no new session", "08003");
            }
        }
        return tracked;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the fleet's sessions log in as their target says");
    }

    /** The most sessions open at once so far. */
    synchronized int peak() {
        return peak;
    }

    synchronized int openNow() {
        return open.size();
    }

    /** Asks the server to cancel what each open session runs (a lock wait ends with SQLSTATE 57014). */
    void cancelAll() {
        for (Connection connection : open) {
            try {
                connection.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                // Best effort: a session that cannot be cancelled is cut off next.
            }
        }
    }

    /** Closes every open session from this side and refuses new ones: for a run that did not stop when cancelled. */
    void cutOff() {
        synchronized (this) {
            closed = true;
        }
        for (Connection connection : open) {
            try {
                connection.abort(NOW);
            } catch (SQLException e) {
                // The socket is closed either way.
            }
        }
    }

    private Connection track(Connection connection) {
        InvocationHandler handler = new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (method.getName().equals("close") || method.getName().equals("abort")) {
                    open.remove((Connection) proxy);
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    /** For {@link Connection#abort}: runs the abort's work at once. */
    static final Executor NOW = Runnable::run;
}
