package com.exoquic.configurer.plan;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** What each step of a plan did in one run, kept by step (never matched by name). */
public final class Results {
    private final Map<Step, StepResult> results = new IdentityHashMap<>();

    public synchronized void record(Step step, StepResult result) {
        results.put(step, result);
    }

    /** Applies the step unless its preview is empty (nothing to do), and records what it did. */
    public void run(Step step, java.sql.Connection connection) throws java.sql.SQLException {
        record(step, step.preview().isEmpty() ? step.notApplied() : step.apply(connection));
    }

    /** The result of each step of {@code plan}, in plan order; a step that did not run reports why. */
    public synchronized List<StepResult> of(Plan plan) {
        return plan.steps().stream().map(step -> results.getOrDefault(step, step.notApplied())).toList();
    }
}
