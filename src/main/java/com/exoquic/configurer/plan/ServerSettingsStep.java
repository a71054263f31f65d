package com.exoquic.configurer.plan;

import com.exoquic.configurer.postgres.Inspector;
import com.exoquic.configurer.postgres.ServerSetting;
import com.exoquic.configurer.postgres.ServerState;

import com.exoquic.configurer.api.PlannedStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Raises wal_level to logical and max_replication_slots / max_wal_senders to at least 5 with ALTER SYSTEM
 * (never lowering one), then reloads. ALTER SYSTEM cannot run in a transaction: this runs in autocommit.
 */
public final class ServerSettingsStep {
    public static final String NAME = "server settings";
    static final int MIN_SLOTS_AND_SENDERS = 5;
    private static final List<String> WAL_LEVELS = List.of("minimal", "replica", "logical");

    private final Inspector inspector;

    public ServerSettingsStep(Inspector inspector) {
        this.inspector = inspector;
    }

    /** The settings whose running value is below what logical replication needs. */
    public static List<SettingChange> changes(ServerState server) {
        List<SettingChange> changes = new ArrayList<>();
        ServerSetting walLevel = server.setting("wal_level");
        if (WAL_LEVELS.indexOf(walLevel.running()) < WAL_LEVELS.indexOf("logical")) {
            changes.add(new SettingChange("wal_level", walLevel.running(), "logical", true));
        }
        for (String name : List.of("max_replication_slots", "max_wal_senders")) {
            ServerSetting setting = server.setting(name);
            if (setting.runningInt() < MIN_SLOTS_AND_SENDERS) {
                changes.add(new SettingChange(name, setting.running(), Integer.toString(MIN_SLOTS_AND_SENDERS), true));
            }
        }
        return changes;
    }

    /** The statements sent, in order; empty when nothing needs to change or ALTER SYSTEM is not allowed. */
    public List<PlannedStatement> statements(ServerState server) {
        return server.alterSystemAllowed() ? alterSystem(server) : List.of();
    }

    /** The ALTER SYSTEM statements the changes need, whoever may run them. */
    public static List<PlannedStatement> alterSystem(ServerState server) {
        List<PlannedStatement> statements = new ArrayList<>();
        for (SettingChange change : changes(server)) {
            // Values come from this class, never from user input.
            statements.add(new PlannedStatement(NAME, "ALTER SYSTEM SET " + change.name() + " = '" + change.to() + "'"));
        }
        if (!statements.isEmpty()) {
            statements.add(new PlannedStatement(NAME, "SELECT pg_catalog.pg_reload_conf()"));
        }
        return statements;
    }

    /** Applies the changes on an autocommit connection and reports what now waits for a restart. */
    public Result apply(Connection connection) throws SQLException {
        ServerState before = inspector.server(connection);
        List<PlannedStatement> statements = statements(before);
        try (Statement statement = connection.createStatement()) {
            for (PlannedStatement each : statements) {
                statement.execute(each.sql());
            }
        }
        ServerState after = statements.isEmpty() ? before : awaitReload(connection);
        List<SettingChange> changes = changes(before);
        return new Result(changes, restartNeeded(after), !changes.isEmpty() && !before.alterSystemAllowed());
    }

    /** True while the running server cannot host a logical slot. */
    public static boolean restartNeeded(ServerState server) {
        return !"logical".equals(server.setting("wal_level").running())
                || server.setting("max_replication_slots").runningInt() < 1
                || server.setting("max_wal_senders").runningInt() < 1;
    }

    // pg_reload_conf() only signals the postmaster; pending_restart shows once the reload has happened.
    private ServerState awaitReload(Connection connection) throws SQLException {
        ServerState state = inspector.server(connection);
        for (int i = 0; i < 40 && !state.setting("wal_level").pendingRestart() && restartNeeded(state); i++) {
            sleep();
            state = inspector.server(connection);
        }
        return state;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What apply did: the changes needed, whether a restart must follow, and whether the changes were left
     * undone because this admin may not run ALTER SYSTEM (a managed provider's or a superuser's job).
     */
    public record Result(List<SettingChange> changes, boolean restartNeeded, boolean notAllowed) {
    }
}
