package com.exoquic.configurer.api;

/** How a step ended. */
public enum Outcome {
    DONE("done"),
    ALREADY_IN_PLACE("already in place"),
    SKIPPED("skipped");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
