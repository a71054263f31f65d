package com.exoquic.configurer.api;

import java.util.List;

/**
 * The result of migrate: each step, warnings, the tables without a primary key, and the connection details.
 * {@code restartRequired} means the server must restart before the slot can be created (exit code 3);
 * {@code restartFor} names the server parameters whose running values need it, e.g. {@code wal_level = logical}.
 */
public record MigrationReport(List<StepReport> steps,
                              List<String> warnings,
                              List<TableAdvice> tablesWithoutPrimaryKey,
                              ConnectionDetails connection,
                              boolean restartRequired,
                              List<String> restartFor) {

    /** True when the run changed nothing. */
    public boolean upToDate() {
        return steps.stream().noneMatch(step -> step.outcome() == Outcome.DONE);
    }
}
