package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.config.TableName;

import java.util.Set;

/**
 * A table named in TABLES_TO_CAPTURE, as the catalog knows it. {@code relkind} and {@code persistence} are null when
 * it is missing; then {@code sameButCase} names a table whose name differs only in case (SQL text, e.g.
 * {@code public."Order Items"}).
 */
public record ListedTable(TableName name, boolean schemaExists, String relkind, String persistence,
                          String sameButCase) {
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "exoquic");

    /** A table PostgreSQL publishes: an ordinary or partitioned, permanent table outside the system schemas. */
    public boolean isTable() {
        return ("r".equals(relkind) || "p".equals(relkind)) && "p".equals(persistence) && !systemSchema();
    }

    public String kindDescription() {
        if (relkind == null) {
            String missing = schemaExists ? "does not exist" : "is in a schema that does not exist";
            return sameButCase == null ? missing : missing + " (did you mean " + sameButCase + "?)";
        }
        if (systemSchema()) {
            return "is in " + name.schema().name() + ", a schema PostgreSQL or this tool keeps for itself (never"
                    + " published)";
        }
        if ("u".equals(persistence)) {
            return "is an unlogged table (PostgreSQL never publishes unlogged tables; ALTER TABLE ... SET LOGGED to"
                    + " capture it)";
        }
        if ("t".equals(persistence)) {
            return "is a temporary table (never published)";
        }
        return switch (relkind) {
            case "v" -> "is a view (only tables can be published)";
            case "m" -> "is a materialized view (only tables can be published)";
            case "f" -> "is a foreign table (only tables can be published)";
            case "S" -> "is a sequence";
            case "i", "I" -> "is an index";
            default -> "is not a table (relkind " + relkind + ")";
        };
    }

    private boolean systemSchema() {
        String schema = name.schema().name();
        return SYSTEM_SCHEMAS.contains(schema) || schema.startsWith("pg_");
    }
}
