package com.exoquic.configurer.internal.postgres;

/** An existing replication slot. */
public record SlotState(String plugin, String slotType, String database, boolean active, Integer activePid,
                        Long retainedWalBytes, boolean failover) {
}
