package com.exoquic.configurer.internal.plan;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each step of a plan did in one run, kept by step (never matched by name). A step that does work and runs
 * longer than {@link #LONG_STEP} is reported to {@code progress} when it ends, with its time, so an operator sees a
 * long run advance. A shorter one is not: the report follows within moments and says the same. Where someone
 * watches (the CLI on a terminal shows it as a status line it clears before the report), {@code steps} hears every
 * step that does work instead, however short.
 */
public final class Results {
    static final Duration LONG_STEP = Duration.ofSeconds(1);

    private final Map<Step, StepResult> results = new IdentityHashMap<>();
    private final Consumer<String> progress;
    private final Consumer<String> steps;

    public Results() {
        this(message -> { }, null);
    }

    /** {@code steps}: null unless every step is wanted. */
    public Results(Consumer<String> progress, Consumer<String> steps) {
        this.progress = progress;
        this.steps = steps;
    }

    public synchronized void record(Step step, StepResult result) {
        results.put(step, result);
    }

    /** Applies the step unless its preview is empty (nothing to do), and records what it did. */
    public void run(Step step, java.sql.Connection connection) throws java.sql.SQLException {
        if (step.preview().isEmpty()) {
            record(step, step.notApplied());
        } else {
            apply(step, connection);
        }
    }

    /** Applies the step (the caller decided it runs), records what it did and, when it took long, reports it. */
    public void apply(Step step, java.sql.Connection connection) throws java.sql.SQLException {
        long start = System.nanoTime();
        StepResult result = step.apply(connection);
        record(step, result);
        long took = System.nanoTime() - start;
        if (steps != null || took > LONG_STEP.toNanos()) {
            (steps != null ? steps : progress).accept(String.format(Locale.ROOT, "%s: %s (%.1f s)", step.name(),
                    result.report().outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), took / 1e9));
        }
    }

    /** The result of each step of {@code plan}, in plan order; a step that did not run reports why. */
    public synchronized List<StepResult> of(Plan plan) {
        return plan.steps().stream().map(step -> results.getOrDefault(step, step.notApplied())).toList();
    }
}
