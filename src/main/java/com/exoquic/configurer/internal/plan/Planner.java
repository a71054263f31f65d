package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Finding;
import com.exoquic.configurer.internal.cloud.CloudEndpoint;
import com.exoquic.configurer.internal.cloud.CloudRegistrar;
import com.exoquic.configurer.internal.cloud.RegistrationRequest;
import com.exoquic.configurer.internal.cloud.RetryPolicy;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.postgres.Connector;
import com.exoquic.configurer.internal.postgres.Inspector;
import com.exoquic.configurer.internal.postgres.ReadOnlyTransaction;
import com.exoquic.configurer.internal.postgres.SessionEndpoint;
import com.exoquic.configurer.internal.postgres.SqlFailures;
import com.exoquic.configurer.internal.postgres.Snapshot;
import com.exoquic.configurer.internal.template.SqlTemplates;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the catalog, runs preflight and plans the steps of a migrate for what it found: the first half of
 * migrate, the dry-run, validate, info and export alike. The one place that says which steps run, in which order.
 */
public final class Planner {
    static final int LOCK_ATTEMPTS = 3;
    private static final String BATCHED_REPLICA_IDENTITY = "replica_identity_batched";
    private static final String ADOPT_SCHEMA = "adopt_schema";

    private final Settings settings;
    private final RunOptions options;
    private final Inspector inspector;
    private final Preflight preflight = new Preflight();
    private final MigrationExecutor executor;
    private final MigrationRenderer renderer;

    public Planner(Settings settings, RunOptions options) {
        SqlTemplates templates = new SqlTemplates();
        this.settings = settings;
        this.options = options;
        this.inspector = new Inspector(templates);
        this.executor = new MigrationExecutor(settings.lockTimeout(), LOCK_ATTEMPTS);
        this.renderer = new MigrationRenderer(templates, executor);
    }

    public Inspector inspector() {
        return inspector;
    }

    /**
     * Plans on a connection of its own from {@code dataSource}, in a read-only transaction rolled back at the end:
     * for the dry-run, validate, info and export, which change nothing.
     */
    public Planned planReadOnly(DataSource dataSource) {
        try (Connection connection = Connector.of(dataSource, settings.connection(), options.progress()).open();
             ReadOnlyTransaction ignored = ReadOnlyTransaction.begin(connection)) {
            return plan(connection);
        } catch (SQLException e) {
            throw SqlFailures.reading(e);
        }
    }

    /** Reads the catalog on {@code connection} (nothing is written) and plans the run. */
    public Planned plan(Connection connection) throws SQLException {
        Snapshot snapshot = inspector.inspect(connection, settings);
        List<Finding> findings = new ArrayList<>(preflight.problems(settings, snapshot));
        PasswordStep password = SharedRolePassword.plan(connection, settings, snapshot, findings);
        boolean restartFirst = snapshot.server().restartNeeded();
        List<Step> steps = new ArrayList<>();
        if (AdoptSchemaStep.needed(settings.adopt(), snapshot.ownership())) {
            steps.add(new AdoptSchemaStep(renderer.renderOne(ADOPT_SCHEMA, settings, snapshot),
                    snapshot.ownership().schemaOwner()));
        }
        steps.add(new ServerParametersStep(snapshot.server(), snapshot.configuredParameters(), snapshot.provider(),
                inspector));
        if (WalGuards.asked(settings)) {
            steps.add(new WalGuardStep(settings, snapshot.server(), snapshot.provider(), inspector));
        }
        steps.add(replicaIdentity(snapshot));
        List<MigrationStep> migrations = renderer.render(settings, snapshot);
        steps.addAll(migrations);
        steps.addAll(repairs(migrations, snapshot));
        steps.add(UnpublishedHistoryStep.plan(snapshot.historyLogged()));
        steps.add(password);
        steps.add(new SlotStep(settings.slot(), settings.failoverSlot(), settings.slotTimeout(), snapshot.slot(),
                settings.recreateLostSlot(), restartFirst));
        SessionEndpoint endpoint = SessionEndpoint.of(snapshot.session(), connection, settings);
        steps.add(registration(restartFirst, endpoint));
        return new Planned(snapshot, new Plan(steps, restartFirst), findings, endpoint);
    }

    /**
     * Repairs where the catalog drifted from what an applied migration established: only the history says a
     * migration ran, so a revoked grant or an altered publication would otherwise stay as it is.
     */
    private List<Step> repairs(List<MigrationStep> migrations, Snapshot snapshot) {
        List<Step> repairs = new ArrayList<>();
        if (snapshot.history() == null) {
            return repairs;
        }
        DriftCheck check = new DriftCheck(settings, snapshot);
        for (MigrationStep migration : migrations) {
            DriftCheck.Repair drift = check.of(migration.fileName());
            if (drift != null && migration.preview().isEmpty()) {
                repairs.add(new RepairStep(migration, drift));
            }
        }
        return repairs;
    }

    private ReplicaIdentityStep replicaIdentity(Snapshot snapshot) {
        long work = snapshot.keylessTables().stream().filter(table -> "d".equals(table.replicaIdentity())).count();
        String sql = work == 0 ? null : renderer.renderOne(BATCHED_REPLICA_IDENTITY, settings, snapshot);
        return new ReplicaIdentityStep(sql, (int) work, executor);
    }

    /** A bad cloud URL fails here (exit 2), before anything changes. */
    private RegistrationStep registration(boolean restartFirst, SessionEndpoint session) {
        if (settings.apiKey() == null) {
            return new RegistrationStep(null, null, null, restartFirst);
        }
        CloudEndpoint endpoint = CloudEndpoint.of(settings.cloudUrl(), options.allowInsecureCloudUrl());
        return new RegistrationStep(endpoint, CloudRegistrar.of(endpoint, RetryPolicy.defaults(), settings),
                () -> RegistrationRequest.from(settings, session.host(), session.port(), session.database()), restartFirst);
    }

    /** The catalog as read, the plan made for it, what preflight found, and where Exoquic should connect. */
    public record Planned(Snapshot snapshot, Plan plan, List<Finding> findings, SessionEndpoint endpoint) {

        /** What preflight found, as messages for a person. */
        public List<String> problems() {
            return findings.stream().map(Finding::message).toList();
        }

        /**
         * Nothing to do, and Flyway would agree: the plan sends nothing and the history holds no failed row. Then
         * migrate need not start Flyway at all.
         */
        public boolean upToDate() {
            return plan.preview().isEmpty() && snapshot.history() != null
                    && snapshot.history().stream().allMatch(row -> row.success());
        }

        /** Stops the run (exit 2, nothing changed) when preflight found a problem. */
        public Planned requirePreflight() {
            Preflight.requireNone(findings);
            return this;
        }
    }
}
