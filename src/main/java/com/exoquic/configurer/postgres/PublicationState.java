package com.exoquic.configurer.postgres;

/** An existing publication. */
public record PublicationState(long oid, boolean allTables, int tableCount) {
}
