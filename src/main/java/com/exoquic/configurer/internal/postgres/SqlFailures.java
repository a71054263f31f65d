package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import org.postgresql.util.PSQLState;

import java.sql.SQLException;
import java.util.Map;

/** Says what a driver error means, in one line with its SQLSTATE and a hint, and which {@link ErrorCode} it is. */
public final class SqlFailures {
    private static final String LOST = " (the connection to the server was lost: the server stopped or the session was ended)";
    private static final String TIMEOUT = " (a lock or statement timeout expired: retry when the database is quieter)";
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry(PSQLState.OBJECT_IN_USE.getState(), " (the slot is in use by another process)"),
            Map.entry(SqlStates.CONFIGURATION_LIMIT_EXCEEDED,
                    " (all replication slots are in use: raise max_replication_slots or drop an unused slot)"),
            Map.entry(SqlStates.INSUFFICIENT_PRIVILEGE, " (the admin role lacks a privilege: run as a superuser or grant it)"),
            Map.entry(SqlStates.LOCK_NOT_AVAILABLE, TIMEOUT),
            Map.entry(PSQLState.QUERY_CANCELED.getState(), TIMEOUT),
            Map.entry(PSQLState.NOT_IMPLEMENTED.getState(), " (the server does not allow this here, e.g. ALTER SYSTEM is disabled)"),
            Map.entry(SqlStates.ADMIN_SHUTDOWN, LOST),
            Map.entry(SqlStates.CRASH_SHUTDOWN, LOST),
            Map.entry(SqlStates.CANNOT_CONNECT_NOW, LOST),
            Map.entry(PSQLState.CONNECTION_FAILURE.getState(), LOST),
            Map.entry(PSQLState.CONNECTION_DOES_NOT_EXIST.getState(), LOST));

    private SqlFailures() {
    }

    /** The error's first line, its SQLSTATE and what it usually means. */
    public static String describe(SQLException e) {
        String state = SqlStates.of(e);
        return firstLine(e.getMessage()) + " [SQLSTATE " + state + "]" + HINTS.getOrDefault(state, "");
    }

    /** A lost connection, a timeout, or another failure: all end with exit 1, as a re-run converges. */
    public static ErrorCode code(SQLException e) {
        if (SqlStates.isConnectionLoss(e)) {
            return ErrorCode.CONNECTION_LOST;
        }
        String state = SqlStates.of(e);
        if (state.equals(SqlStates.LOCK_NOT_AVAILABLE) || SqlStates.is(e, PSQLState.QUERY_CANCELED)) {
            return ErrorCode.LOCK_TIMEOUT;
        }
        return ErrorCode.FAILED;
    }

    /** Reading the catalog (before anything changes) failed. */
    public static ConfigurerException reading(SQLException e) {
        return new ConfigurerException(code(e), "Reading the catalog failed: " + describe(e), e);
    }

    /** Taking the run lock failed: said as such, not as a failure to read the catalog. */
    public static ConfigurerException lockFailure(SQLException e) {
        return new ConfigurerException(code(e), "Taking this database's run lock failed: " + describe(e)
                + ". Nothing was changed: fix the cause and run again.", e);
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
