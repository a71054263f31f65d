package com.exoquic.configurer.internal.postgres;

/**
 * An existing publication; {@code tableCount} is null for FOR ALL TABLES (counting would walk every table).
 * {@code publishes}: the row operations it publishes, e.g. "insert, update, delete".
 */
public record PublicationState(long oid, boolean allTables, Integer tableCount, String publishes) {
    public static final String ALL_ROW_CHANGES = "insert, update, delete";

    public boolean publishesAllRowChanges() {
        return ALL_ROW_CHANGES.equals(publishes);
    }
}
