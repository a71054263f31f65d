package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.PlannedStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * REPLICA IDENTITY FULL for the captured keyless tables that still have the default identity, in transactions of
 * at most 1,000 tables, before the migrations run.
 *
 * <p>Why here and not in the R__4 migration: ALTER TABLE holds an ACCESS EXCLUSIVE lock until commit, and one
 * transaction can hold only about max_locks_per_transaction x max_connections locks (6,400 by default), so R__4
 * alone fails with "out of shared memory" on large catalogs. Committing between batches needs a DO block outside
 * any transaction; as a non-transactional Flyway migration a failure would leave a failed row in the history that
 * Flyway refuses to migrate past. A callback step records nothing and is driven by the catalog alone, so a re-run
 * after any failure does the rest. R__4 still runs after it (finding nothing left to change, except a table
 * created in between) and records the change of the catalog fingerprint.
 */
final class ReplicaIdentityStep implements Step {
    static final String NAME = "replica identity (batched)";
    private final String sql;
    private final int tables;
    private final MigrationExecutor executor;

    /** @param sql the batched DO block, or null when no captured keyless table has the default identity */
    ReplicaIdentityStep(String sql, int tables, MigrationExecutor executor) {
        this.sql = sql;
        this.tables = tables;
        this.executor = executor;
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
        return sql == null ? List.of()
                : executor.autocommitStatements(sql).stream().map(s -> new PlannedStatement(NAME, s)).toList();
    }

    @Override
    public StepResult apply(Connection connection) throws SQLException {
        executor.executeAutocommit(connection, "replica identity", sql);
        return StepResult.of(NAME, Outcome.DONE, tables + " captured table(s) without a primary key set to"
                + " REPLICA IDENTITY FULL");
    }

    @Override
    public StepResult notApplied() {
        return StepResult.of(NAME, Outcome.ALREADY_IN_PLACE, "no captured table without a primary key has the"
                + " default replica identity");
    }
}
