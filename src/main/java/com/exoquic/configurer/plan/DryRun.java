package com.exoquic.configurer.plan;

import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.cloud.CloudEndpoint;
import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.flyway.ExoquicFlyway;
import com.exoquic.configurer.flyway.RenderedMigration;
import com.exoquic.configurer.postgres.Connector;
import com.exoquic.configurer.postgres.Snapshot;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dry-run: every statement migrate would send now, from the same steps, read in a read-only session.
 * Secrets are masked. Nothing changes.
 */
public final class DryRun {
    private static final Set<MigrationState> TO_APPLY = Set.of(MigrationState.PENDING, MigrationState.OUTDATED);
    private final Steps steps;
    private final Settings settings;
    private final DataSource readOnly;
    private final boolean allowInsecureCloudUrl;

    /** @param readOnly a DataSource whose sessions default to read-only transactions */
    public DryRun(Settings settings, DataSource readOnly, boolean allowInsecureCloudUrl) {
        this.steps = new Steps(settings);
        this.settings = settings;
        this.readOnly = readOnly;
        this.allowInsecureCloudUrl = allowInsecureCloudUrl;
    }

    public List<PlannedStatement> plan() {
        CloudEndpoint endpoint = settings.apiKey() == null ? null
                : CloudEndpoint.of(settings.cloudUrl(), allowInsecureCloudUrl);
        try (Connection connection = Connector.of(readOnly, settings.connection()).open()) {
            Renderer.Rendered rendered = new Renderer(steps, readOnly).render(connection).requirePreflight();
            Snapshot snapshot = rendered.snapshot();
            List<PlannedStatement> plan = new ArrayList<>(steps.serverSettings.statements(snapshot.server()));
            if (!snapshot.server().alterSystemAllowed() && !ServerSettingsStep.changes(snapshot.server()).isEmpty()) {
                plan.add(PlannedStatement.action(ServerSettingsStep.NAME + " (left to you: ALTER SYSTEM is not allowed)",
                        snapshot.provider().label() + ": " + snapshot.provider().steps()));
            }
            plan.addAll(steps.replicaIdentity.statements(settings, snapshot));
            plan.addAll(migrations(rendered.migrations()));
            plan.addAll(steps.password.statements(connection));
            // ALTER SYSTEM and reload leave the running values as they are: the same test as the real run's.
            boolean restartFirst = ServerSettingsStep.restartNeeded(snapshot.server());
            steps.slot.statements(snapshot.slot()).forEach(statement -> plan.add(restartFirst
                    ? new PlannedStatement(statement.step() + " (after the server restart)", statement.sql(),
                            statement.parameters(), statement.note())
                    : statement));
            if (endpoint != null) {
                // Sends no SQL; the request (names included) is shown by `register --dry-run`, never in an SQL comment.
                plan.add(PlannedStatement.action("cloud registration", "PUT of the connection details to the"
                        + " Exoquic cloud API (register --dry-run shows the request, secrets masked)"));
            }
            return plan;
        } catch (SQLException e) {
            throw Renderer.readFailure(e);
        }
    }

    private List<PlannedStatement> migrations(List<RenderedMigration> migrations) {
        Set<String> toApply = Arrays.stream(ExoquicFlyway.create(readOnly, migrations).info().all())
                .filter(info -> TO_APPLY.contains(info.getState()))
                .map(MigrationInfo::getDescription)
                .collect(Collectors.toSet());
        List<PlannedStatement> plan = new ArrayList<>();
        for (RenderedMigration migration : migrations) {
            if (toApply.contains(migration.getDescription())) {
                for (String sql : steps.executor.statements(migration)) {
                    plan.add(new PlannedStatement("migration " + migration.fileName(), sql));
                }
            }
        }
        return plan;
    }
}
