package com.exoquic.configurer.config;

import java.util.Comparator;

/** A schema-qualified table. */
public record TableName(Identifier schema, Identifier table) implements Comparable<TableName> {
    private static final Comparator<TableName> ORDER =
            Comparator.comparing(TableName::schema).thenComparing(TableName::table);

    public static TableName of(String schema, String table) {
        return new TableName(Identifier.of(schema), Identifier.of(table));
    }

    /** {@code "schema"."table"}, safe to place in SQL text. */
    public String quoted() {
        return schema.quoted() + "." + table.quoted();
    }

    @Override
    public int compareTo(TableName other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return quoted();
    }
}
