package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.postgres.Bytes;
import com.exoquic.configurer.internal.postgres.Connector;
import com.exoquic.configurer.internal.postgres.Inspector;
import com.exoquic.configurer.internal.postgres.ManagedParameter;
import com.exoquic.configurer.internal.postgres.Ownership;
import com.exoquic.configurer.internal.postgres.ReadOnlyTransaction;
import com.exoquic.configurer.internal.postgres.RoleState;
import com.exoquic.configurer.internal.postgres.RoleUsage;
import com.exoquic.configurer.internal.postgres.RunLock;
import com.exoquic.configurer.internal.postgres.SlotState;
import com.exoquic.configurer.internal.postgres.Snapshot;
import com.exoquic.configurer.internal.postgres.SqlFailures;
import com.exoquic.configurer.internal.sql.Sql;
import com.exoquic.configurer.internal.template.SqlModel;
import com.exoquic.configurer.internal.template.SqlTemplates;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Removes what migrate created, in a safe order: the slot (releasing its WAL), the publication, the exoquic
 * schema and its history, the role's grants, the role. Never touches tables or data; server settings only
 * when asked.
 */
public final class Teardown {
    private final Settings settings;
    private final DataSource dataSource;
    private final Inspector inspector;
    private final SqlTemplates templates = new SqlTemplates();
    private final Consumer<String> progress;

    /** {@code progress} hears what the run waits for (another run's lock, a starting server). */
    public Teardown(Settings settings, DataSource dataSource, Consumer<String> progress) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.progress = progress;
        this.inspector = new Inspector(templates);
    }

    /** What teardown would do, with the WAL the slot holds noted in its step name. */
    public List<PlannedStatement> plan(boolean force, boolean resetSettings) {
        try (Connection connection = connector().open();
             ReadOnlyTransaction ignored = ReadOnlyTransaction.begin(connection)) {
            return plan(connection, force, resetSettings);
        } catch (SQLException e) {
            throw SqlFailures.reading(e);
        }
    }

    /**
     * Runs the plan in autocommit, holding the run lock so it never interleaves with a migrate; a re-run after a
     * failure continues where it stopped.
     */
    public List<PlannedStatement> apply(boolean force, boolean resetSettings) {
        try (Connection connection = connector().open();
             RunLock ignored = lock(connection);
             Statement statement = connection.createStatement()) {
            List<PlannedStatement> plan = plan(connection, force, resetSettings);
            for (PlannedStatement each : plan) {
                if (each.sql() != null) { // an action without SQL (a role kept for another database)
                    statement.execute(each.sql());
                }
            }
            return plan;
        } catch (SQLException e) {
            throw new ConfigurerException(SqlFailures.code(e), "teardown failed: " + SqlFailures.describe(e)
                    + "; what was removed stays removed; run teardown again after fixing the cause", e);
        }
    }

    private RunLock lock(Connection connection) {
        try {
            return RunLock.acquire(connection, RunLock.DEFAULT_WAIT, progress);
        } catch (SQLException e) {
            throw SqlFailures.lockFailure(e);
        }
    }

    private List<PlannedStatement> plan(Connection connection, boolean force, boolean resetSettings) throws SQLException {
        List<PlannedStatement> plan = new ArrayList<>();
        Snapshot snapshot = inspector.inspect(connection, settings);
        SlotState slot = snapshot.slot();
        String slotLiteral = Sql.literal(settings.slot().name()).text();
        if (slot != null) {
            String held = slot.retainedWalBytes() == null ? "" : ", releasing " + Bytes.human(slot.retainedWalBytes()) + " of WAL";
            if (slot.active()) {
                if (!force) {
                    throw new ConfigurerException(ErrorCode.CONFIGURATION, "Slot '" + settings.slot() + "' is active"
                            + " (pid " + slot.activePid() + " is reading it); stop the consumer first, or pass --force"
                            + " to end that session. Nothing was removed.");
                }
                plan.add(new PlannedStatement("slot (active: ending its session)",
                        "SELECT pg_catalog.pg_terminate_backend(active_pid) FROM pg_catalog.pg_replication_slots"
                                + " WHERE slot_name = " + slotLiteral + " AND active_pid IS NOT NULL"));
            }
            plan.add(new PlannedStatement("slot" + held, "SELECT pg_catalog.pg_drop_replication_slot(" + slotLiteral + ")"));
        }
        // Only what this tool made: marked with its comment, or configured where its history shows it ran.
        Ownership own = snapshot.ownership();
        boolean ranHere = snapshot.history() != null;
        if (snapshot.publication() != null) {
            plan.add(ranHere || Ownership.marked(own.publicationComment())
                    ? new PlannedStatement("publication", "DROP PUBLICATION IF EXISTS " + settings.publication().quoted())
                    : PlannedStatement.action("publication (kept)", "it was not created by this tool"));
        }
        schema(plan, own, ranHere);
        RoleState role = snapshot.role();
        if (role.exists() && (ranHere || Ownership.marked(own.roleComment()))) {
            plan.add(new PlannedStatement("replication role grants",
                    templates.render("teardown_grants", Map.of("role", SqlModel.name(settings.replicationUser())))));
            // Roles are per server: while another database still grants the role something, only this
            // database's part goes; teardown there drops the role.
            List<String> others = RoleUsage.otherDatabases(connection, settings.replicationUser());
            if (others.isEmpty()) {
                plan.add(new PlannedStatement("replication role", "DROP ROLE IF EXISTS " + settings.replicationUser().quoted()));
            } else {
                // Step names and notes are printed as SQL comments: no database name goes into them.
                plan.add(PlannedStatement.action("replication role (kept)", others.size() + " other database(s)"
                        + " still use it; teardown there drops it"));
            }
        } else if (role.exists()) {
            plan.add(PlannedStatement.action("replication role (kept)", "it was not created by this tool"));
        }
        if (resetSettings) {
            for (String name : ManagedParameter.names()) {
                plan.add(new PlannedStatement("server settings (restart to apply)", "ALTER SYSTEM RESET " + name));
            }
            // The WAL guards, where the server has them; the reload below applies them.
            for (String name : List.of(ManagedParameter.SLOT_WAL_KEEP_SIZE, ManagedParameter.IDLE_SLOT_TIMEOUT)) {
                if (snapshot.server().parameter(name) != null) {
                    plan.add(new PlannedStatement("WAL guards (applied by the reload)", "ALTER SYSTEM RESET " + name));
                }
            }
            plan.add(new PlannedStatement("server settings (restart to apply)", "SELECT pg_catalog.pg_reload_conf()"));
        }
        return plan;
    }

    /** The exoquic schema goes whole only when it holds nothing but this tool's objects; never CASCADE over others'. */
    private static void schema(List<PlannedStatement> plan, Ownership own, boolean ranHere) {
        if (!own.schemaExists()) {
            return;
        }
        if (!ranHere && !Ownership.marked(own.schemaComment())) {
            plan.add(PlannedStatement.action("exoquic schema (kept)", "it was not created by this tool"));
        } else if (own.foreignSchemaObjects().isEmpty()) {
            plan.add(new PlannedStatement("exoquic schema and its history", "DROP SCHEMA IF EXISTS exoquic CASCADE"));
        } else {
            plan.add(new PlannedStatement("exoquic status view", "DROP VIEW IF EXISTS exoquic.status"));
            plan.add(new PlannedStatement("exoquic history", "DROP TABLE IF EXISTS exoquic.flyway_schema_history"));
            plan.add(PlannedStatement.action("exoquic schema (kept)", "it also holds objects this tool did not"
                    + " create, which stay"));
        }
    }

    private Connector connector() {
        return Connector.of(dataSource, settings.connection(), progress);
    }
}
