package com.exoquic.configurer.internal.postgres;

import java.util.List;

/**
 * Where the catalog differs from what the applied migrations established (someone revoked a grant, altered the
 * publication, dropped the view): the run repairs it, since Flyway alone re-applies a migration only when its
 * text changes. {@code publicationTables} and {@code publicationSchemas} are what the publication names explicitly
 * (FOR TABLE and, from PostgreSQL 15, FOR TABLES IN SCHEMA), as {@code schema.table} and schema names.
 */
public record Drift(boolean grantsMissing, boolean statusViewMissing, List<String> publicationTables,
                    List<String> publicationSchemas) {
    public static Drift none() {
        return new Drift(false, false, List.of(), List.of());
    }
}
