package com.exoquic.configurer.postgres;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.config.ConnectionSettings;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Opens admin connections. While the server is starting (connection refused, "starting up") it retries with
 * backoff; a wrong password or an unknown database fails at once, with the fix.
 */
public final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
    private final DataSource dataSource;
    private final String target;
    private final int attempts;

    public Connector(DataSource dataSource, String target, int attempts) {
        this.dataSource = dataSource;
        this.target = target;
        this.attempts = attempts;
    }

    public static Connector of(DataSource dataSource, ConnectionSettings settings) {
        return new Connector(dataSource, settings.describe(), settings.connectAttempts());
    }

    /** A DataSource for the configured server; {@code readOnly} makes every transaction read-only. */
    public static DataSource dataSource(ConnectionSettings settings, boolean readOnly) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {settings.host()});
        dataSource.setPortNumbers(new int[] {settings.port()});
        dataSource.setDatabaseName(settings.database());
        dataSource.setUser(settings.user());
        if (settings.password() != null) {
            dataSource.setPassword(settings.password().reveal());
        }
        dataSource.setSslMode(settings.sslMode());
        dataSource.setConnectTimeout(settings.connectTimeoutSeconds());
        dataSource.setApplicationName("exoquic-configurer");
        if (readOnly) {
            dataSource.setOptions("-c default_transaction_read_only=on");
        }
        return dataSource;
    }

    public Connection open() {
        for (int attempt = 1; ; attempt++) {
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                if (!isTransient(e) || attempt >= attempts) {
                    throw failure(e, attempt);
                }
                Duration wait = Duration.ofMillis(Math.min(500L << (attempt - 1), 8000L));
                LOG.warn("Cannot connect to {} yet ({}); attempt {} of {}, retrying in {} ms",
                        target, e.getMessage(), attempt, attempts, wait.toMillis());
                sleep(wait);
            }
        }
    }

    /** Connection refused, or the server is starting or shutting down. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P03"));
    }

    private ConfigurerException failure(SQLException e, int attempt) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String fix = switch (state) {
            case "28P01", "28000" -> "check PGUSER and PGPASSWORD (or the credentials in DATABASE_URL)";
            case "3D000" -> "check PGDATABASE: the database does not exist on this server";
            default -> state.startsWith("08")
                    ? "check PGHOST and PGPORT, that the server runs and accepts TCP connections from here"
                      + " (tried " + attempt + " time(s); --connect-attempts sets the number)"
                    : "see the server's message above";
        };
        ErrorCode code = state.startsWith("28") || state.equals("3D000") ? ErrorCode.CONFIGURATION : ErrorCode.FAILED;
        return new ConfigurerException(code, "Cannot connect to " + target + ": " + e.getMessage() + "; " + fix, e);
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurerException(ErrorCode.FAILED, "Interrupted while waiting for the server");
        }
    }
}
