package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.StepReport;

import java.util.List;

/** What a step did: its report line, and warnings the user must read. */
public record StepResult(StepReport report, List<String> warnings) {
    public StepResult {
        warnings = List.copyOf(warnings);
    }

    public static StepResult of(String step, Outcome outcome, String detail) {
        return new StepResult(new StepReport(step, outcome, detail), List.of());
    }

    public StepResult withWarning(String warning) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return new StepResult(report, all);
    }
}
