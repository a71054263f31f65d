package com.exoquic.configurer.plan;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.flyway.CallbackFailure;

import com.exoquic.configurer.postgres.SqlStates;
import org.postgresql.util.PSQLState;

import java.sql.SQLException;
import java.util.Map;

/** Turns what Flyway or the driver threw into one message that says what failed and what to do. */
final class FailureTranslator {
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

    private FailureTranslator() {
    }

    static ConfigurerException translate(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurerException configurer) {
                return configurer;
            }
            if (cause instanceof CallbackFailure callback) {
                return new ConfigurerException(ErrorCode.FAILED,
                        "Step '" + callback.step() + "' failed: " + describe(callback.sqlCause())
                                + ". Fix the cause and run migrate again.", failure);
            }
        }
        SQLException sql = findSql(failure);
        String message = sql != null ? describe(sql) : String.valueOf(failure.getMessage());
        return new ConfigurerException(ErrorCode.FAILED, "migrate failed: " + firstLine(message)
                + ". Nothing is left half-done: fix the cause and run migrate again.", failure);
    }

    /** Taking the run lock failed: said as such, not as a failure to read the catalog. */
    static ConfigurerException lockFailure(SQLException e) {
        return new ConfigurerException(ErrorCode.FAILED, "Taking this database's run lock failed: " + describe(e)
                + ". Nothing was changed: fix the cause and run again.", e);
    }

    static String describe(SQLException e) {
        String state = SqlStates.of(e);
        return firstLine(e.getMessage()) + " [SQLSTATE " + state + "]" + HINTS.getOrDefault(state, "");
    }

    private static SQLException findSql(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
