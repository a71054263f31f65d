package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.retry.Sleeper;
import com.exoquic.configurer.internal.sql.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one way the tool writes server parameters: ALTER SYSTEM SET (the value as a literal; the names are the tool's
 * own constants, never input), then pg_reload_conf(), in autocommit since ALTER SYSTEM cannot run in a transaction.
 */
public final class AlterSystem {
    public static final String RELOAD = "SELECT pg_catalog.pg_reload_conf()";
    private static final Duration RELOAD_POLL = Duration.ofMillis(50);
    private static final int RELOAD_POLLS = 40;

    private AlterSystem() {
    }

    public static String set(String parameter, String value) {
        return "ALTER SYSTEM SET " + parameter + " = " + Sql.literal(value).text();
    }

    public static String reset(String parameter) {
        return "ALTER SYSTEM RESET " + parameter;
    }

    /** One ALTER SYSTEM SET per parameter, in order, then the reload; nothing for nothing. */
    public static List<String> statements(Map<String, String> values) {
        List<String> statements = new ArrayList<>();
        values.forEach((parameter, value) -> statements.add(set(parameter, value)));
        if (!statements.isEmpty()) {
            statements.add(RELOAD);
        }
        return statements;
    }

    /** Runs {@code statements} on a connection in autocommit. */
    public static void run(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * The server's state once {@code reloaded} holds, or after about two seconds: pg_reload_conf() only signals the
     * postmaster, and the running values change once it has reloaded.
     */
    public static ServerState awaitReload(Connection connection, Inspector inspector, Predicate<ServerState> reloaded)
            throws SQLException {
        ServerState state = inspector.server(connection);
        for (int poll = 0; poll < RELOAD_POLLS && !reloaded.test(state); poll++) {
            Sleeper.REAL.sleepOrStop(RELOAD_POLL, interrupted -> new ConfigurerException(ErrorCode.FAILED,
                    "Interrupted while waiting for the server to reload its configuration; the parameters are written."
                            + " Run migrate again.", interrupted));
            state = inspector.server(connection);
        }
        return state;
    }
}
