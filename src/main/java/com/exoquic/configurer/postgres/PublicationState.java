package com.exoquic.configurer.postgres;

/** An existing publication; {@code tableCount} is null for FOR ALL TABLES (counting would walk every table). */
public record PublicationState(long oid, boolean allTables, Integer tableCount) {
}
