package com.exoquic.configurer.plan;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.flyway.CallbackFailure;

import java.sql.SQLException;

/** Turns what Flyway or the driver threw into one message that says what failed and what to do. */
final class FailureTranslator {
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

    static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String hint = switch (state) {
            case "55006" -> " (the slot is in use by another process)";
            case "53400" -> " (all replication slots are in use: raise max_replication_slots or drop an unused slot)";
            case "42501" -> " (the admin role lacks a privilege: run as a superuser or grant it)";
            case "55P03", "57014" -> " (a lock or statement timeout expired: retry when the database is quieter)";
            case "0A000" -> " (the server does not allow this here, e.g. ALTER SYSTEM is disabled)";
            case "57P01", "57P02", "57P03", "08006", "08003" ->
                    " (the connection to the server was lost: the server stopped or the session was ended)";
            default -> "";
        };
        return firstLine(e.getMessage()) + " [SQLSTATE " + state + "]" + hint;
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
