package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.postgres.AlterSystem;
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
import com.exoquic.configurer.internal.postgres.TeardownBlockers;
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
        // Only what this tool made and the admin owns: marked with its comment, or configured where its history (in a
        // table the admin owns) shows it ran. Nothing is dropped with CASCADE: what depends on it stops the teardown.
        Ownership own = snapshot.ownership();
        boolean ranHere = snapshot.history() != null;
        RoleState role = snapshot.role();
        boolean dropSchema = own.schemaExists() && own.schemaTrusted() && (ranHere || own.schemaMarked());
        boolean roleOurs = role.exists() && (ranHere || Ownership.marked(own.roleComment()));
        List<String> others = roleOurs ? RoleUsage.otherDatabases(connection, settings.replicationUser()) : List.of();
        refuseBlockers(TeardownBlockers.read(connection, templates, settings.replicationUser()), dropSchema,
                roleOurs && others.isEmpty());
        if (snapshot.publication() != null) {
            plan.add(own.publicationTrusted() && (ranHere || own.publicationMarked())
                    ? new PlannedStatement("publication", "DROP PUBLICATION IF EXISTS " + settings.publication().quoted())
                    : PlannedStatement.action("publication (kept)", own.publicationTrusted()
                    ? "it was not created by this tool" : "another role owns it"));
        }
        schema(plan, own, dropSchema);
        if (roleOurs) {
            plan.add(new PlannedStatement("replication role grants",
                    templates.render("teardown_grants", Map.of("role", SqlModel.name(settings.replicationUser())))));
            // Roles are per server: while another database still grants the role something, only this
            // database's part goes; teardown there drops the role.
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
                plan.add(new PlannedStatement("server settings (restart to apply)", AlterSystem.reset(name)));
            }
            // The WAL guards, where the server has them; the reload below applies them.
            for (String name : List.of(ManagedParameter.SLOT_WAL_KEEP_SIZE, ManagedParameter.IDLE_SLOT_TIMEOUT)) {
                if (snapshot.server().parameter(name) != null) {
                    plan.add(new PlannedStatement("WAL guards (applied by the reload)", AlterSystem.reset(name)));
                }
            }
            plan.add(new PlannedStatement("server settings (restart to apply)", AlterSystem.RELOAD));
        }
        return plan;
    }

    /**
     * The tool's own objects in the exoquic schema go one by one, never with CASCADE; the schema goes too when
     * nothing else is in it. A schema another role owns, or that the tool did not make, stays as it is.
     */
    private static void schema(List<PlannedStatement> plan, Ownership own, boolean drop) {
        if (!own.schemaExists()) {
            return;
        }
        if (!drop) {
            plan.add(PlannedStatement.action("exoquic schema (kept)", own.schemaTrusted()
                    ? "it was not created by this tool" : "another role owns it"));
            return;
        }
        plan.add(new PlannedStatement("DDL guard", "DROP EVENT TRIGGER IF EXISTS exoquic_ddl_guard"));
        for (String[] object : TOOL_OBJECTS) {
            if (own.toolObjects().contains(object[0])) {
                plan.add(new PlannedStatement(object[1], object[2]));
            }
        }
        if (own.foreignSchemaObjects().isEmpty()) {
            plan.add(new PlannedStatement("exoquic schema", "DROP SCHEMA IF EXISTS exoquic"));
        } else {
            plan.add(PlannedStatement.action("exoquic schema (kept)", "it also holds objects this tool did not"
                    + " create, which stay"));
        }
    }

    /** The tool's objects in the exoquic schema, in the order they can go: name, step, statement. */
    private static final List<String[]> TOOL_OBJECTS = List.of(
            new String[] {"ddl_guard()", "DDL guard", "DROP FUNCTION IF EXISTS exoquic.ddl_guard()"},
            new String[] {"ddl_guard_full_tables", "DDL guard", "DROP TABLE IF EXISTS exoquic.ddl_guard_full_tables"},
            // the commit trigger goes with its table, then its function
            new String[] {"ddl_guard_commits", "DDL guard", "DROP TABLE IF EXISTS exoquic.ddl_guard_commits"},
            new String[] {"ddl_guard_pending", "DDL guard", "DROP TABLE IF EXISTS exoquic.ddl_guard_pending"},
            new String[] {"ddl_guard_at_commit()", "DDL guard", "DROP FUNCTION IF EXISTS exoquic.ddl_guard_at_commit()"},
            new String[] {"status", "exoquic status view", "DROP VIEW IF EXISTS exoquic.status"},
            new String[] {"tables_without_replica_identity", "exoquic status view",
                "DROP VIEW IF EXISTS exoquic.tables_without_replica_identity"},
            new String[] {"catalog_state", "exoquic status view", "DROP TABLE IF EXISTS exoquic.catalog_state"},
            new String[] {"flyway_schema_history", "exoquic history", "DROP TABLE IF EXISTS exoquic.flyway_schema_history"},
            new String[] {"exoquic_export_history", "exoquic history",
                "DROP TABLE IF EXISTS exoquic.exoquic_export_history"});

    /**
     * Teardown refuses (nothing is removed) when what it would drop has dependents outside the tool's objects, or
     * the role it would drop owns something: never CASCADE, never half-done.
     */
    private static void refuseBlockers(TeardownBlockers blockers, boolean dropSchema, boolean dropRole) {
        List<String> found = new ArrayList<>();
        if (dropSchema) {
            blockers.schemaDependents().forEach(dependent -> found.add(dependent + " (depends on the exoquic schema)"));
        }
        if (dropRole) {
            blockers.roleOwns().forEach(owned -> found.add(owned + " (owned by the replication role)"));
        }
        if (!found.isEmpty()) {
            throw new ConfigurerException(ErrorCode.PREFLIGHT, "teardown would have to drop objects that are not this"
                    + " tool's, and it never does (no CASCADE): " + String.join("; ", found) + ". Drop them or"
                    + " move them elsewhere (or give them another owner), then run teardown again. Nothing was"
                    + " removed.");
        }
    }

    private Connector connector() {
        return Connector.of(dataSource, settings.connection(), progress);
    }
}
