package com.exoquic.configurer.internal.fleet;

/**
 * The operations a fleet runs on each target, with the most sessions one target's run holds at once: the fleet
 * reserves that many from the target's server before it starts (see {@link ReservedDataSource}). Measured by
 * FleetSessionsTest, and enforced by the reservation itself: migrate holds its run lock's session, on which Flyway
 * runs too (the fleet never waits for a restart, which takes one more); validate plans on one session, then Flyway
 * validates on one more; the dry-run and status use one.
 */
public enum FleetOperation {
    MIGRATE("migrate", 1),
    PLAN("migrate --dry-run", 1),
    VALIDATE("validate", 2),
    STATUS("status", 1);

    private final String label;
    private final int sessions;

    FleetOperation(String label, int sessions) {
        this.label = label;
        this.sessions = sessions;
    }

    public String label() {
        return label;
    }

    /** The sessions one target's run may hold at once. */
    public int sessions() {
        return sessions;
    }
}
