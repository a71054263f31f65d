package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.internal.postgres.AlterSystem;
import com.exoquic.configurer.internal.postgres.Inspector;
import com.exoquic.configurer.internal.postgres.ManagedParameter;
import com.exoquic.configurer.internal.postgres.Provider;
import com.exoquic.configurer.internal.postgres.ServerState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raises the {@link ManagedParameter}s (wal_level to logical, max_replication_slots / max_wal_senders to at least 5)
 * with ALTER SYSTEM (never lowering one), then reloads; in autocommit, as ALTER SYSTEM cannot run in a transaction.
 * A value already written to the configuration and waiting for a restart is not written again. Where the admin may
 * not run ALTER SYSTEM (a managed provider), the step is left to the owner, with the provider's instructions.
 */
public final class ServerParametersStep implements Step {
    public static final String NAME = "server settings";

    private final ServerState server;
    private final Provider provider;
    private final Inspector inspector;
    private final List<ParameterChange> needed;
    private final List<ParameterChange> toWrite;

    ServerParametersStep(ServerState server, Map<String, String> configured, Provider provider, Inspector inspector) {
        this.server = server;
        this.provider = provider;
        this.inspector = inspector;
        this.needed = changes(server);
        this.toWrite = needed.stream()
                .filter(change -> !change.parameter().satisfiedBy(configured.get(change.parameter().parameter())))
                .toList();
    }

    /** The parameters whose running value is below what the tool writes. */
    static List<ParameterChange> changes(ServerState server) {
        return Arrays.stream(ManagedParameter.values())
                .filter(managed -> !managed.satisfiedBy(server.parameter(managed).running()))
                .map(managed -> new ParameterChange(managed, server.parameter(managed).running()))
                .toList();
    }

    /** The ALTER SYSTEM statements for {@code changes}, then the reload, whoever may run them. */
    static List<String> alterSystem(List<ParameterChange> changes) {
        Map<String, String> values = new LinkedHashMap<>();
        changes.forEach(change -> values.put(change.parameter().parameter(), change.to()));
        return AlterSystem.statements(values);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Phase phase() {
        return Phase.BEFORE_MIGRATIONS;
    }

    @Override
    public List<PlannedStatement> preview() {
        return ParameterPreview.of(NAME, alterSystem(toWrite), server.alterSystemAllowed(),
                provider.label() + ": " + provider.steps());
    }

    @Override
    public StepResult apply(Connection connection) throws SQLException {
        if (!server.alterSystemAllowed()) {
            return leftToOwner();
        }
        AlterSystem.run(connection, alterSystem(toWrite));
        ServerState after = AlterSystem.awaitReload(connection, inspector, this::reloaded);
        List<String> done = toWrite.stream().map(change -> change
                + (after.parameter(change.parameter()).pendingRestart() ? " (applies after a restart)" : "")).toList();
        return StepResult.of(NAME, Outcome.DONE, String.join("; ", done));
    }

    @Override
    public StepResult notApplied() {
        if (!needed.isEmpty()) {
            return StepResult.of(NAME, Outcome.ALREADY_IN_PLACE, "already configured, waiting for a restart: "
                    + String.join("; ", needed.stream().map(ParameterChange::toString).toList()));
        }
        return StepResult.of(NAME, Outcome.ALREADY_IN_PLACE, ManagedParameter.wantedSummary());
    }

    private StepResult leftToOwner() {
        List<String> changes = toWrite.stream().map(Object::toString).toList();
        String how = provider == Provider.SELF_HOSTED
                ? " " + String.join(" ", alterSystem(toWrite).stream().map(sql -> sql + ";").toList()) : "";
        return StepResult.of(NAME, Outcome.SKIPPED, "'" + server.adminUser() + "' may not run ALTER SYSTEM here ("
                        + provider.label() + "); needed: " + String.join("; ", changes))
                .withWarning("SERVER SETTINGS ARE LEFT TO YOU (" + provider.label() + "): " + provider.steps() + how);
    }

    // pg_reload_conf() only signals the postmaster; pending_restart shows once the reload has happened.
    private boolean reloaded(ServerState state) {
        return toWrite.stream().allMatch(change -> state.parameter(change.parameter()).pendingRestart());
    }
}
