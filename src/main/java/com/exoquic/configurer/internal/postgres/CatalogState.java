package com.exoquic.configurer.internal.postgres;

import java.util.List;

/**
 * The catalog's fingerprint as the read found it (inspect_catalog_state), and what that lets a run skip.
 * {@code unchanged}: equal to the one recorded after the last full read that found nothing to do, for the same
 * checks ({@code digest}); the checks whose cost grows with the number of tables were then skipped, since they
 * would find what they found then. {@code recordable}: the record is the tool's (its table exists and only the
 * admin may write it). {@code histories}: the other Flyway histories holding the exported set, as the read found
 * them (recorded with the fingerprint, so an unchanged catalog need not search for them).
 */
public record CatalogState(String fingerprint, String digest, boolean recordable, boolean unchanged,
                           List<Long> histories) {

    public CatalogState {
        histories = List.copyOf(histories);
    }

    /** Nothing read: every check runs, and nothing is recorded. */
    public static CatalogState none() {
        return new CatalogState(null, null, false, false, List.of());
    }

    /**
     * Whether a run that found nothing to do records this fingerprint: only after a full read (an unchanged one is
     * recorded already), and only where the record is the tool's.
     */
    public boolean worthRecording() {
        return recordable && !unchanged && fingerprint != null;
    }
}
