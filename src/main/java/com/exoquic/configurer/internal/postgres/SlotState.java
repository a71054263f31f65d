package com.exoquic.configurer.internal.postgres;

import java.util.Map;

/**
 * An existing replication slot and its health, as the server reports it. Columns a version lacks are null (or false):
 * {@code walStatus} and {@code safeWalSize} from PostgreSQL 13, {@code inactiveSince}, {@code invalidationReason}
 * and {@code failover} from 17.
 * {@code confirmedFlushLsn} and {@code currentLsn} (the server's WAL position when read) say what a consumer misses.
 */
public record SlotState(String plugin, String slotType, String database, boolean active, Integer activePid,
                        Long retainedWalBytes, boolean failover, boolean temporary, String walStatus,
                        Long safeWalSize, String invalidationReason, String inactiveSince, String confirmedFlushLsn,
                        String currentLsn) {

    /** What each invalidation means, by the reason PostgreSQL gives (17+) or its WAL status (13 to 16). */
    private static final Map<String, String> CAUSES = Map.of(
            "wal_removed", "the WAL it still needed was removed, as it retained more than max_slot_wal_keep_size",
            "idle_timeout", "no consumer used it for longer than idle_replication_slot_timeout",
            "rows_removed", "catalog rows it needed were removed",
            "wal_level_insufficient", "wal_level went below logical");

    /** PostgreSQL invalidated the slot: no consumer can ever stream from it again. */
    public boolean invalidated() {
        return "lost".equals(walStatus) || invalidationReason != null;
    }

    /**
     * The reason's code, as PostgreSQL 17+ names it. Before 17 a primary invalidates a slot for one reason only: it
     * retained more WAL than max_slot_wal_keep_size.
     */
    public String invalidationCode() {
        return invalidationReason != null ? invalidationReason : invalidated() ? "wal_removed" : null;
    }

    /** Why it was invalidated, for a person: the code and what it means. */
    public String invalidationCause() {
        String code = invalidationCode();
        return code == null ? null : code + ": " + CAUSES.getOrDefault(code, "see pg_replication_slots");
    }
}
