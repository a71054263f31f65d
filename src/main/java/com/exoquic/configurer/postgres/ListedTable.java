package com.exoquic.configurer.postgres;

import com.exoquic.configurer.config.TableName;

/** A table named in TABLES_TO_CAPTURE, as the catalog knows it. {@code relkind} is null when missing. */
public record ListedTable(TableName name, boolean schemaExists, String relkind) {

    public boolean isTable() {
        return "r".equals(relkind) || "p".equals(relkind);
    }

    public String kindDescription() {
        if (relkind == null) {
            return schemaExists ? "does not exist" : "is in a schema that does not exist";
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
