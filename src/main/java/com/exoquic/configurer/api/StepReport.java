package com.exoquic.configurer.api;

/** One step of a run: its name, how it ended, and a detail for the user. */
public record StepReport(String step, Outcome outcome, String detail) {
}
