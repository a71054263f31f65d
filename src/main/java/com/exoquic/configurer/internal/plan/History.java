package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.internal.postgres.HistoryRow;

import java.util.List;
import java.util.Objects;

/**
 * Flyway's history of the exoquic migrations, as read before the run, and the rule Flyway applies to it: a
 * versioned migration is pending until it has a successful row; a repeatable one when its latest successful row
 * has another checksum (or there is none). {@code adoptedRows}: rows of the exported set ({@link DropIn}) that another
 * Flyway history in the database recorded, mapped to migrate's descriptions.
 */
record History(boolean exists, List<HistoryRow> rows, List<HistoryRow> adoptedRows) {

    boolean pending(String version, String description, int checksum) {
        if (version != null) {
            return rows.stream().noneMatch(row -> version.equals(row.version()) && row.success());
        }
        HistoryRow latest = null;
        for (HistoryRow row : rows) {
            if (row.version() == null && description.equals(row.description()) && row.success()) {
                latest = row;
            }
        }
        return latest == null || !Objects.equals(latest.checksum(), checksum);
    }

    /**
     * Another Flyway applied the exported file of this migration as it would be exported now, and migrate's own
     * history never ran it: the migration is in place and stays that Flyway's business.
     */
    boolean adopted(String version, String description, int dropInChecksum) {
        boolean own = rows.stream().anyMatch(row -> Objects.equals(version, row.version())
                && (version != null || description.equals(row.description())));
        if (own) {
            return false;
        }
        HistoryRow latest = null;
        for (HistoryRow row : adoptedRows) {
            if (description.equals(row.description())) {
                latest = row;
            }
        }
        return latest != null && latest.success() && Objects.equals(latest.checksum(), dropInChecksum);
    }
}
