package com.exoquic.configurer.internal.postgres;

import java.util.Arrays;
import java.util.List;

/**
 * Where the catalog differs from what the applied migrations established (someone revoked a grant, granted the
 * replication role more, altered the publication or the DDL guard, dropped the view): the run repairs it, since
 * Flyway alone re-applies a migration only when its text changes. {@code differences}: what drift_findings.sql found.
 * {@code publicationTables} and {@code publicationSchemas} are what the publication names explicitly (FOR TABLE and,
 * from PostgreSQL 15, FOR TABLES IN SCHEMA), as {@code schema.table} and schema names.
 */
public record Drift(List<Difference> differences, List<String> publicationTables, List<String> publicationSchemas) {

    /**
     * One difference: {@code code} says which (drift_findings.sql lists them), {@code detail} says it for a person
     * (it may name catalog objects: shown, never run), {@code repairable} whether the admin may undo it.
     */
    public record Difference(String code, String detail, boolean repairable) {
    }

    public static Drift none() {
        return new Drift(List.of(), List.of(), List.of());
    }

    /** The findings of these codes. */
    public List<Difference> of(FindingCode... codes) {
        List<String> wanted = Arrays.stream(codes).map(FindingCode::code).toList();
        return differences.stream().filter(difference -> wanted.contains(difference.code())).toList();
    }
}
