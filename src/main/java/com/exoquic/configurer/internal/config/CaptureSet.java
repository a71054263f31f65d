package com.exoquic.configurer.internal.config;

import java.util.List;

/**
 * What Exoquic captures: every table (both lists empty), or the listed tables plus every table of the
 * listed schemas ({@code schema.*}). {@code inputOrder}: the entries as the user listed them (quoted, a schema as
 * {@code "s".*}), so problems can be reported in that order; the lists themselves are sorted.
 */
public record CaptureSet(List<TableName> tables, List<Identifier> schemas, List<String> inputOrder) {
    public CaptureSet {
        tables = List.copyOf(tables);
        schemas = List.copyOf(schemas);
        inputOrder = List.copyOf(inputOrder);
    }

    public CaptureSet(List<TableName> tables, List<Identifier> schemas) {
        this(tables, schemas, List.of());
    }

    /** Where an entry ({@link TableName#quoted()} or {@code "s".*}) stood in the input; unknown entries last. */
    public int inputPosition(String entry) {
        int position = inputOrder.indexOf(entry);
        return position < 0 ? Integer.MAX_VALUE : position;
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
