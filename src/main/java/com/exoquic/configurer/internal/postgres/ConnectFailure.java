package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.config.ConnectionSettings;
import org.postgresql.util.PSQLState;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Why a connection attempt failed: whether waiting can help (the server is not up yet), and otherwise what the
 * user must fix. Messages name host, port, user, database and sslmode, never the password.
 */
final class ConnectFailure {
    private static final Set<String> SSL_REQUIRED = Set.of("require", "verify-ca", "verify-full");

    private final SQLException error;
    private final ConnectionSettings settings;

    ConnectFailure(SQLException error, ConnectionSettings settings) {
        this.error = error;
        this.settings = settings;
    }

    /** Only a refused connection and a server starting up pass with time; everything else needs a fix. */
    boolean retryable() {
        return causedBy(ConnectException.class) || SqlStates.CANNOT_CONNECT_NOW.equals(error.getSQLState());
    }

    /** What the user sees once retrying is over (or pointless). */
    ConfigurerException exception(int attempts) {
        String fix = fix(attempts);
        ErrorCode code = retryable() || fix == null ? ErrorCode.FAILED : ErrorCode.CONNECTION;
        return new ConfigurerException(code, "Cannot connect to PostgreSQL (" + target() + "): " + reason() + "; "
                + (fix == null ? "fix the cause and run again" : fix), error);
    }

    /** One line per retry, for the progress callback. */
    String retryLine(int attempt, int attempts, long waitMillis) {
        String why = causedBy(ConnectException.class) ? "connection refused" : reason();
        return "Cannot connect to " + settings.host() + ":" + settings.port() + " yet (" + why + "); attempt "
                + attempt + " of " + attempts + ", retrying in " + waitMillis / 1000.0 + " s ...";
    }

    String target() {
        return "host " + settings.host() + ", port " + settings.port() + ", user " + settings.user() + ", database "
                + settings.database() + ", sslmode " + settings.sslMode();
    }

    private String fix(int attempts) {
        if (causedBy(UnknownHostException.class)) {
            return "the host '" + settings.host() + "' is unknown (no DNS entry): check PGHOST, --host or the host in DATABASE_URL";
        }
        if (causedBy(ConnectException.class)) {
            return "nothing accepted the connection: check PGHOST and PGPORT, and that the server runs and accepts TCP"
                    + " connections from here (tried " + attempts + " time(s); --connect-attempts sets the number)";
        }
        String state = SqlStates.of(error);
        if (state.equals(SqlStates.CANNOT_CONNECT_NOW)) {
            return "the server was still starting up or shutting down after " + attempts + " attempt(s); run again when it is up";
        }
        if (state.equals(PSQLState.INVALID_PASSWORD.getState())) {
            return "the password was refused for user '" + settings.user() + "': check PGUSER and PGPASSWORD"
                    + " (or --password-file, or the credentials in DATABASE_URL)";
        }
        if (state.equals(PSQLState.INVALID_AUTHORIZATION_SPECIFICATION.getState())) {
            return "the server does not let user '" + settings.user() + "' log in this way: check PGUSER, that the role"
                    + " may log in, and that pg_hba.conf has a line for this host, user, database and sslmode";
        }
        if (state.equals(SqlStates.INVALID_CATALOG_NAME)) {
            return "the database '" + settings.database() + "' does not exist on this server: check PGDATABASE"
                    + " (or --database, or the database in DATABASE_URL), or create it";
        }
        if (state.equals(PSQLState.CONNECTION_REJECTED.getState())) {
            return rejectedFix();
        }
        return null;
    }

    // The driver refused before logging in: SSL the server lacks, a password that was never given, or pg_hba.conf.
    private String rejectedFix() {
        if (SSL_REQUIRED.contains(settings.sslMode()) && reason().contains("SSL")) {
            return "the server does not accept SSL connections, and sslmode " + settings.sslMode() + " requires one:"
                    + " enable ssl on the server, or set PGSSLMODE (or sslmode in DATABASE_URL) to prefer";
        }
        if (settings.password() == null) {
            return "the server asks for a password but none was given: set PGPASSWORD or --password-file, or put"
                    + " it in DATABASE_URL";
        }
        return "the server refused the connection: check pg_hba.conf and the authentication method it asks for";
    }

    private String reason() {
        String message = String.valueOf(error.getMessage());
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private boolean causedBy(Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
