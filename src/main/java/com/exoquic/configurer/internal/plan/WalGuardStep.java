package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.postgres.AlterSystem;
import com.exoquic.configurer.internal.postgres.Inspector;
import com.exoquic.configurer.internal.postgres.Provider;
import com.exoquic.configurer.internal.postgres.ServerState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets the WAL guards the configuration asks for ({@link WalGuards}) with ALTER SYSTEM and a reload, in autocommit;
 * neither needs a restart. Planned only when a guard is asked for; preflight has refused values that would invalidate
 * a slot in use. Where the admin may not run ALTER SYSTEM, the values are left to the owner, with a warning.
 */
final class WalGuardStep implements Step {
    static final String NAME = "WAL guards";

    private final ServerState server;
    private final Provider provider;
    private final Inspector inspector;
    private final List<WalGuardChange> changes;
    private final String asked;

    WalGuardStep(Settings settings, ServerState server, Provider provider, Inspector inspector) {
        this.changes = WalGuards.changes(settings, server);
        this.asked = WalGuards.describe(settings);
        this.server = server;
        this.provider = provider;
        this.inspector = inspector;
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
        return ParameterPreview.of(NAME, statements(), server.alterSystemAllowed(),
                provider.label() + ": set " + described());
    }

    private List<String> statements() {
        Map<String, String> values = new LinkedHashMap<>();
        changes.forEach(change -> values.put(change.name(), change.to()));
        return AlterSystem.statements(values);
    }

    @Override
    public StepResult apply(Connection connection) throws SQLException {
        if (!server.alterSystemAllowed()) {
            return StepResult.of(NAME, Outcome.SKIPPED, "'" + server.adminUser() + "' may not run ALTER SYSTEM here ("
                    + provider.label() + ")").withWarning("WAL GUARDS ARE LEFT TO YOU (" + provider.label() + "): set "
                    + described() + " in the server's configuration (a reload applies them)");
        }
        AlterSystem.run(connection, statements());
        boolean applied = reloaded(AlterSystem.awaitReload(connection, inspector, this::reloaded));
        return StepResult.of(NAME, Outcome.DONE, String.join("; ", changes.stream().map(Object::toString).toList())
                + (applied ? " (applied by the reload)" : " (written; the server has not reloaded it yet)"));
    }

    @Override
    public StepResult notApplied() {
        return StepResult.of(NAME, Outcome.ALREADY_IN_PLACE, asked);
    }

    private String described() {
        return String.join(", ", changes.stream().map(change -> change.name() + " = " + change.to()).toList());
    }

    private boolean reloaded(ServerState now) {
        return changes.stream().allMatch(change -> (now.parameter(change.name()).running() + unit(change))
                .equals(change.to()));
    }

    private static String unit(WalGuardChange change) {
        return change.to().replaceAll("^[0-9]+", "");
    }
}
