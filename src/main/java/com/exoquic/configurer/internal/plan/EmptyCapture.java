package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.internal.config.CaptureSet;
import com.exoquic.configurer.internal.postgres.Snapshot;

/**
 * A TABLES_TO_CAPTURE that lists only {@code schema.*} entries whose schemas hold no table (yet) captures nothing,
 * which is not the same as capturing everything (an empty list): the publication publishes no table and the
 * replication role may read none, and the report and the dry-run say so.
 */
public final class EmptyCapture {
    /** For the dry-run, whose notes never hold a name. */
    static final String NOTE = "TABLES_TO_CAPTURE matches no table: the publication publishes none, and the"
            + " replication role may read none";

    private EmptyCapture() {
    }

    /** Whether {@code capture}, as the catalog stands, matches no table. */
    public static boolean of(CaptureSet capture, Snapshot snapshot) {
        return !capture.isAllTables() && capture.tables().isEmpty() && snapshot.wildcardTables().isEmpty();
    }

    /**
     * Whether the publication must be made with no table at all: before PostgreSQL 15 a {@code schema.*} becomes the
     * schema's current tables, and none is no table, not FOR ALL TABLES. From 15 the schema itself is published.
     */
    static boolean publishesNoTable(CaptureSet capture, Snapshot snapshot) {
        return of(capture, snapshot) && snapshot.server().majorVersion() < 15;
    }

    /** What the report says. */
    public static String reportNote(CaptureSet capture, Snapshot snapshot) {
        int major = snapshot.server().majorVersion();
        return "TABLES_TO_CAPTURE (" + capture + ") matches no table: the publication publishes none, and the"
                + " replication role may read none. " + (major < 15
                ? "PostgreSQL " + major + " cannot publish a whole schema: run migrate again after creating tables there."
                : "Tables created there later are published as they come.");
    }
}
