package com.exoquic.configurer.postgres;

import com.exoquic.configurer.config.TableName;

/**
 * A table named in TABLES_TO_CAPTURE, as the catalog knows it. {@code relkind} is null when missing; then
 * {@code sameButCase} names a table whose name differs only in case (SQL text, e.g. {@code public."Order Items"}).
 */
public record ListedTable(TableName name, boolean schemaExists, String relkind, String sameButCase) {

    public ListedTable(TableName name, boolean schemaExists, String relkind) {
        this(name, schemaExists, relkind, null);
    }

    public boolean isTable() {
        return "r".equals(relkind) || "p".equals(relkind);
    }

    public String kindDescription() {
        if (relkind == null) {
            String missing = schemaExists ? "does not exist" : "is in a schema that does not exist";
            return sameButCase == null ? missing : missing + " (did you mean " + sameButCase + "?)";
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
}
