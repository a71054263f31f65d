package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.PlannedStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Makes the tool's Flyway history unlogged: a publication never publishes an unlogged table, so FOR ALL TABLES
 * leaves it out, a subscriber's initial copy never needs it and a consumer never sees the tool's own rows. Losing
 * the history in a crash costs nothing: every migration is idempotent and simply runs again. Runs after the
 * migrations, when Flyway no longer holds the history table (it does while migrating).
 */
final class UnpublishedHistoryStep implements Step {
    static final String NAME = "history not published";
    static final String SQL = "ALTER TABLE exoquic.flyway_schema_history SET UNLOGGED";

    private final boolean needed;

    private UnpublishedHistoryStep(boolean needed) {
        this.needed = needed;
    }

    /** Needed when the history is logged, or does not exist yet (null: Flyway creates it logged). */
    static UnpublishedHistoryStep plan(Boolean historyLogged) {
        return new UnpublishedHistoryStep(historyLogged == null || historyLogged);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Phase phase() {
        return Phase.AFTER_MIGRATIONS;
    }

    @Override
    public List<PlannedStatement> preview() {
        return needed ? List.of(new PlannedStatement(NAME, SQL)) : List.of();
    }

    @Override
    public StepResult apply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(SQL);
        }
        return StepResult.of(NAME, Outcome.DONE, "exoquic.flyway_schema_history is unlogged: no publication includes it");
    }

    @Override
    public StepResult notApplied() {
        return StepResult.of(NAME, Outcome.ALREADY_IN_PLACE, "exoquic.flyway_schema_history is unlogged");
    }
}
