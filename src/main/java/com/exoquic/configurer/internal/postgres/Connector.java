package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.config.ConnectionSettings;
import com.exoquic.configurer.internal.retry.Backoff;
import com.exoquic.configurer.internal.retry.Sleeper;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Opens admin connections. While the server is not up yet (connection refused, "starting up") it retries with
 * backoff, reporting each retry through {@code progress}; what no retry can fix (a wrong password, an unknown
 * host or database, SSL the server lacks) fails at once, with the fix.
 */
public final class Connector {
    private static final Backoff BACKOFF = Backoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(8));
    private final DataSource dataSource;
    private final ConnectionSettings settings;
    private final Consumer<String> progress;

    public Connector(DataSource dataSource, ConnectionSettings settings, Consumer<String> progress) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.progress = progress;
    }

    public static Connector of(DataSource dataSource, ConnectionSettings settings, Consumer<String> progress) {
        return new Connector(dataSource, settings, progress);
    }

    /** Retries silently: for callers with nowhere to report progress. */
    public static Connector of(DataSource dataSource, ConnectionSettings settings) {
        return of(dataSource, settings, message -> { });
    }

    /**
     * A DataSource for the configured server; {@code readOnly} makes every transaction read-only. Its sessions start
     * with {@link SearchPath#SAFE}, set in the startup packet: no round trip, and no ALTER DATABASE/ROLE ... SET wins.
     */
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
        // Every server this tool supports is newer: the driver then sends application_name with the login
        // instead of a SET afterwards, one round trip less.
        dataSource.setAssumeMinServerVersion("9.4");
        dataSource.setOptions((readOnly ? "-c default_transaction_read_only=on " : "") + SearchPath.STARTUP_OPTION);
        return dataSource;
    }

    public Connection open() {
        int attempts = Math.max(1, settings.connectAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                ConnectFailure failure = new ConnectFailure(e, settings);
                if (!failure.retryable() || attempt >= attempts) {
                    throw failure.exception(attempt);
                }
                Duration wait = BACKOFF.delay(attempt);
                progress.accept(failure.retryLine(attempt, attempts, wait.toMillis()));
                Sleeper.REAL.sleepOrStop(wait, interrupted -> new ConfigurerException(ErrorCode.FAILED,
                        "Interrupted while waiting for the server", interrupted));
            }
        }
    }
}
