package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.internal.postgres.Ownership;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * With --adopt, takes over an exoquic schema another role made, before Flyway keeps its history there: the admin
 * becomes its owner and other roles lose their privileges on it (adopt_schema.sql). Nothing else of that role is
 * taken over: preflight refused the schema if it holds that role's objects.
 */
final class AdoptSchemaStep implements Step {
    static final String NAME = "exoquic schema taken over";
    private final String sql;
    private final String previousOwner;

    /** @param sql the takeover (adopt_schema.sql) */
    AdoptSchemaStep(String sql, String previousOwner) {
        this.sql = sql;
        this.previousOwner = previousOwner;
    }

    /** Planned only with --adopt, for an exoquic schema that another role owns. */
    static boolean needed(boolean adopt, Ownership ownership) {
        return adopt && ownership.schemaExists() && !ownership.schemaTrusted();
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
        return List.of(new PlannedStatement(NAME, sql));
    }

    @Override
    public StepResult apply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return StepResult.of(NAME, Outcome.DONE, "--adopt: the schema exoquic is now owned by the admin").withWarning(
                "--adopt took over the schema exoquic from " + previousOwner + ": the admin owns it now, and other"
                        + " roles lost their privileges on it");
    }

    @Override
    public StepResult notApplied() {
        return StepResult.of(NAME, Outcome.SKIPPED, "the run stopped before it");
    }
}
