package com.exoquic.configurer.plan;

import com.exoquic.configurer.postgres.HistoryRow;

import java.util.List;
import java.util.Objects;

/**
 * Flyway's history of the exoquic migrations, as read before the run, and the rule Flyway applies to it: a
 * versioned migration is pending until it has a successful row; a repeatable one when its latest successful row
 * has another checksum (or there is none).
 */
record History(boolean exists, List<HistoryRow> rows) {

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
}
