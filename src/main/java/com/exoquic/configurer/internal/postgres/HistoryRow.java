package com.exoquic.configurer.internal.postgres;

/** One row of Flyway's history in {@code exoquic.flyway_schema_history}; {@code version} is null for a repeatable. */
public record HistoryRow(String version, String description, Integer checksum, boolean success) {
}
