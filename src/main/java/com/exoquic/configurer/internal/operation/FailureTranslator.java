package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.internal.flyway.CallbackFailure;
import com.exoquic.configurer.internal.postgres.SqlFailures;

import java.sql.SQLException;

/** Turns what Flyway or the driver threw during a migrate into one message that says what failed and what to do. */
final class FailureTranslator {
    private FailureTranslator() {
    }

    static ConfigurerException translate(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurerException configurer) {
                return configurer;
            }
            if (cause instanceof CallbackFailure callback) {
                return new ConfigurerException(SqlFailures.code(callback.sqlCause()),
                        "Step '" + callback.step() + "' failed: " + SqlFailures.describe(callback.sqlCause())
                                + ". Fix the cause and run migrate again.", failure);
            }
        }
        SQLException sql = findSql(failure);
        String message = sql != null ? SqlFailures.describe(sql) : firstLine(String.valueOf(failure.getMessage()));
        return new ConfigurerException(sql != null ? SqlFailures.code(sql) : com.exoquic.configurer.api.ErrorCode.FAILED,
                "migrate failed: " + message + ". Nothing is left half-done: fix the cause and run migrate again.",
                failure);
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
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
