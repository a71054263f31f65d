package com.exoquic.configurer.internal.postgres;

import java.util.List;

/**
 * Every replication slot on the server (any database, any kind, the configured one included) and the WAL senders
 * running now: what the capacity check counts and what a WAL guard could invalidate.
 */
public record ServerSlots(List<Slot> slots, int walSenders) {

    public ServerSlots {
        slots = List.copyOf(slots);
    }

    /** Nothing known: no slot, no sender. */
    public static ServerSlots none() {
        return new ServerSlots(List.of(), 0);
    }

    /**
     * One slot. {@code retainedWalBytes}: null when it reserves no WAL (never used, or invalidated);
     * {@code inactiveSeconds}: how long no consumer has used it (PostgreSQL 17+, else null).
     */
    public record Slot(String name, String database, String type, Long retainedWalBytes, Long inactiveSeconds) {

        /** How the slot is named to a person: its name, and its database when it has one. */
        public String describe() {
            return "'" + name + "' (" + (database == null ? type : "database " + database) + ")";
        }
    }

    /** The slots that retain at least {@code bytes} of WAL now. */
    public List<Slot> retainingAtLeast(long bytes) {
        return slots.stream().filter(slot -> slot.retainedWalBytes() != null && slot.retainedWalBytes() >= bytes)
                .toList();
    }

    /** The slots that reserve WAL and have been unused for at least {@code seconds}. */
    public List<Slot> idleAtLeast(long seconds) {
        return slots.stream().filter(slot -> slot.retainedWalBytes() != null && slot.inactiveSeconds() != null
                && slot.inactiveSeconds() >= seconds).toList();
    }
}
