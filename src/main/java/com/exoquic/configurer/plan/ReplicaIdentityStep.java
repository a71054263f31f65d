package com.exoquic.configurer.plan;

import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.flyway.MigrationExecutor;
import com.exoquic.configurer.postgres.Snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * REPLICA IDENTITY FULL for the captured keyless tables that still have the default identity, in
 * transactions of at most 1,000 tables, before the migrations run.
 *
 * <p>Why here and not in the R__4 migration: ALTER TABLE holds an ACCESS EXCLUSIVE lock until commit, and
 * one transaction can hold only about max_locks_per_transaction x max_connections locks (6,400 by
 * default), so R__4 alone fails with "out of shared memory" on large catalogs. Committing between batches
 * needs a DO block outside any transaction; as a non-transactional Flyway migration a failure (e.g. a lock
 * timeout) would leave a failed row in the history (Flyway 13 records one when the migration did not run in
 * a transaction), and Flyway refuses to migrate past a failed row until someone repairs it. A
 * callback step records nothing: it is driven by the catalog (inspected before the run) alone, so a re-run
 * after any failure does the rest. R__4 stays as it was and, running after this step, finds nothing left to
 * change (except a table created in between); it still records the change of the catalog fingerprint.
 */
public final class ReplicaIdentityStep {
    public static final String NAME = "replica identity (batched)";
    private static final String TEMPLATE = "replica_identity_batched";

    private final MigrationRenderer renderer;
    private final MigrationExecutor executor;

    ReplicaIdentityStep(MigrationRenderer renderer, MigrationExecutor executor) {
        this.renderer = renderer;
        this.executor = executor;
    }

    /** The statements sent, none when no captured keyless table has the default replica identity. */
    public List<PlannedStatement> statements(Settings settings, Snapshot snapshot) {
        String sql = sql(settings, snapshot);
        return sql == null ? List.of()
                : executor.autocommitStatements(sql).stream().map(s -> new PlannedStatement(NAME, s)).toList();
    }

    /** Runs on an autocommit connection. @return true when tables were changed */
    public boolean apply(Connection connection, Settings settings, Snapshot snapshot) throws SQLException {
        String sql = sql(settings, snapshot);
        if (sql == null) {
            return false;
        }
        executor.executeAutocommit(connection, "replica identity", sql);
        return true;
    }

    private String sql(Settings settings, Snapshot snapshot) {
        boolean work = snapshot.keylessTables().stream().anyMatch(table -> "d".equals(table.replicaIdentity()));
        return work ? renderer.renderOne(TEMPLATE, settings, snapshot) : null;
    }
}
