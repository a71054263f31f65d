package com.exoquic.configurer.internal.postgres;

import org.postgresql.util.PSQLState;

import java.sql.SQLException;

/**
 * The SQLSTATEs the tool reacts to that {@link PSQLState} has no constant for, and the tests on them that
 * several classes share. Codes PSQLState names are used through it.
 */
public final class SqlStates {
    public static final String INVALID_CATALOG_NAME = "3D000";
    public static final String INVALID_SCHEMA_NAME = "3F000";
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    public static final String DUPLICATE_OBJECT = "42710";
    public static final String CONFIGURATION_LIMIT_EXCEEDED = "53400";
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    public static final String ADMIN_SHUTDOWN = "57P01";
    public static final String CRASH_SHUTDOWN = "57P02";
    public static final String CANNOT_CONNECT_NOW = "57P03";

    private SqlStates() {
    }

    /** The SQLSTATE, never null. */
    public static String of(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    public static boolean is(SQLException e, PSQLState state) {
        return state.getState().equals(e.getSQLState());
    }

    /**
     * The connection was lost or could not be made while the server stops or starts: class 08, or the server
     * shutting down, crashing or not yet accepting connections (57P01-57P03).
     */
    public static boolean isConnectionLoss(SQLException e) {
        String state = of(e);
        return state.startsWith("08") || state.equals(ADMIN_SHUTDOWN) || state.equals(CRASH_SHUTDOWN)
                || state.equals(CANNOT_CONNECT_NOW);
    }
}
