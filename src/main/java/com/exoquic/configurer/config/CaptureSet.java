package com.exoquic.configurer.config;

import java.util.List;

/**
 * What Exoquic captures: every table (both lists empty), or the listed tables plus every table of the
 * listed schemas ({@code schema.*}).
 */
public record CaptureSet(List<TableName> tables, List<Identifier> schemas) {
    public CaptureSet {
        tables = List.copyOf(tables);
        schemas = List.copyOf(schemas);
    }

    public static CaptureSet allTables() {
        return new CaptureSet(List.of(), List.of());
    }

    public boolean isAllTables() {
        return tables.isEmpty() && schemas.isEmpty();
    }

    @Override
    public String toString() {
        if (isAllTables()) {
            return "all tables";
        }
        StringBuilder text = new StringBuilder();
        for (Identifier schema : schemas) {
            text.append(text.length() == 0 ? "" : ", ").append(schema.quoted()).append(".*");
        }
        for (TableName table : tables) {
            text.append(text.length() == 0 ? "" : ", ").append(table.quoted());
        }
        return text.toString();
    }
}
