package com.exoquic.configurer.api;

/** How one target of a fleet run ended. */
public enum FleetOutcome {
    /** Configured (or already up to date), valid, or healthy: nothing left to do. */
    DONE("done"),
    /** Everything possible was done; its server must restart to finish (the slot waits for it). */
    RESTART_NEEDED("restart needed"),
    /** {@code fleet status}: the database answered and its status check found a problem. */
    UNHEALTHY("unhealthy"),
    /** The operation failed or was refused; {@link TargetResult#code()} says how. */
    FAILED("failed"),
    /** Never started: the failure budget ran out (or {@code --fail-fast} stopped the run) first. */
    NOT_STARTED("not started");

    private final String label;

    FleetOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
