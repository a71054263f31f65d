package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.PlannedStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordered steps of one run, planned from one snapshot. {@code restartFirst}: the running server cannot host
 * a logical slot yet, so the {@link Phase#AFTER_RESTART} steps wait for the restart. The one place that decides
 * what runs when; the Flyway run, the dry-run and the report interpret it.
 */
public record Plan(List<Step> steps, boolean restartFirst) {
    public static final String AFTER_RESTART = " (after the server restart)";

    public Plan {
        steps = List.copyOf(steps);
    }

    public List<Step> steps(Phase phase) {
        return steps.stream().filter(step -> step.phase() == phase).toList();
    }

    /** Every statement the run sends, in order; those that wait for the restart say so in their step name. */
    public List<PlannedStatement> preview() {
        List<PlannedStatement> preview = new ArrayList<>();
        for (Step step : steps) {
            boolean deferred = restartFirst && step.phase() == Phase.AFTER_RESTART;
            for (PlannedStatement statement : step.preview()) {
                preview.add(deferred ? new PlannedStatement(statement.step() + AFTER_RESTART, statement.sql(),
                        statement.parameters(), statement.note()) : statement);
            }
        }
        return preview;
    }

    /** The migrations, in the order Flyway applies them. */
    public List<MigrationStep> migrations() {
        return steps(Phase.MIGRATIONS).stream().map(MigrationStep.class::cast).toList();
    }
}
