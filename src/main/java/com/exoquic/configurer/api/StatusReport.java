package com.exoquic.configurer.api;

import java.util.List;

/**
 * Health of the Exoquic setup, read from {@code exoquic.status}. Sizes are bytes; null where the server
 * does not report them (no slot yet, or wal_status before PostgreSQL 13). {@code tablesWithoutReplicaIdentityNames}:
 * every such table, quoted, sorted (empty where the database was configured by an older version of the tool).
 * {@code invalidationReason} (why PostgreSQL invalidated the slot) and {@code inactiveSeconds} (how long no
 * consumer has used it) come from PostgreSQL 17 on, null otherwise or when they do not apply.
 */
public record StatusReport(String database,
                           String walLevel,
                           String slotName,
                           boolean slotExists,
                           boolean slotActive,
                           Long lagBytes,
                           Long retainedWalBytes,
                           String walStatus,
                           Long safeWalSize,
                           String maxSlotWalKeepSize,
                           String publication,
                           int publicationTables,
                           int tablesWithoutReplicaIdentity,
                           List<String> tablesWithoutReplicaIdentityNames,
                           List<String> problems,
                           List<String> warnings,
                           String invalidationReason,
                           Long inactiveSeconds) {

    public boolean healthy() {
        return problems.isEmpty();
    }
}
