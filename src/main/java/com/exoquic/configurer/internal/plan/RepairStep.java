package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.PlannedStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-applies an applied migration whose effect the catalog no longer shows (a revoked grant, an altered or dropped
 * publication, a changed DDL guard, a dropped view) or that someone went beyond (more rights for the replication
 * role), in a transaction of its own. Flyway re-applies a repeatable migration only when its text changes; the
 * desired state is the same, so the history keeps its row and a later run finds nothing to do.
 */
final class RepairStep implements Step {
    private final MigrationStep migration;
    private final DriftCheck.Repair drift;

    /** @param drift what the catalog lacks: reasons in the tool's own words (never a name), details for the report */
    RepairStep(MigrationStep migration, DriftCheck.Repair drift) {
        this.migration = migration;
        this.drift = drift;
    }

    @Override
    public String name() {
        return migration.name() + " (repair)";
    }

    @Override
    public Phase phase() {
        return Phase.AFTER_MIGRATIONS;
    }

    @Override
    public List<PlannedStatement> preview() {
        String step = "repair: migration " + migration.fileName();
        List<PlannedStatement> preview = new ArrayList<>();
        preview.add(PlannedStatement.action(step, "the catalog drifted (" + drift.reason() + "): the migration is re-applied, in a transaction of its own"));
        preview.addAll(migration.statements(step));
        return preview;
    }

    /** Runs on an autocommit connection (a Flyway callback's): opens and commits its own transaction. */
    @Override
    public StepResult apply(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            migration.apply(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        StepResult result = StepResult.of(name(), Outcome.DONE, "re-applied " + migration.fileName() + ": " + drift.reason());
        return drift.details().isEmpty() ? result : result.withWarning("repaired (" + migration.fileName() + "): "
                + MigrationRenderer.first(drift.details()));
    }

    @Override
    public StepResult notApplied() {
        return StepResult.of(name(), Outcome.ALREADY_IN_PLACE, migration.fileName());
    }
}
