package com.exoquic.configurer.internal.flyway;

import com.exoquic.configurer.internal.plan.MigrationStep;
import com.exoquic.configurer.internal.plan.Results;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A planned migration as Flyway sees it: Flyway decides when it runs, the step does the work and reports it. Flyway
 * runs it with its schema first in the search path; the step's statements begin with SET LOCAL search_path (see
 * {@link com.exoquic.configurer.internal.plan.MigrationExecutor#statements}).
 */
final class StepMigration implements JavaMigration {
    private final MigrationStep step;
    private final Results results;

    /** @param results where the step's result goes; null for info and validate, which run nothing */
    StepMigration(MigrationStep step, Results results) {
        this.step = step;
        this.results = results;
    }

    @Override
    public MigrationVersion getVersion() {
        return step.version() == null ? null : MigrationVersion.fromVersion(step.version());
    }

    @Override
    public String getDescription() {
        return step.description();
    }

    @Override
    public Integer getChecksum() {
        return step.checksum();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        results.apply(step, context.getConnection());
    }

    @Override
    public String toString() {
        return step.fileName();
    }
}
