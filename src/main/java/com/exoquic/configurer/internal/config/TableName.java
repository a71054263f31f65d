package com.exoquic.configurer.internal.config;

import com.exoquic.configurer.internal.sql.Sql;

import java.util.Comparator;

/** A schema-qualified table. */
public record TableName(Identifier schema, Identifier table) implements Comparable<TableName> {
    private static final Comparator<TableName> ORDER =
            Comparator.comparing(TableName::schema).thenComparing(TableName::table);

    public static TableName of(String schema, String table) {
        return new TableName(Identifier.of(schema), Identifier.of(table));
    }

    /** {@code "schema"."table"} as SQL. */
    public Sql sql() {
        return Sql.qualified(schema.name(), table.name());
    }

    /** {@code '"schema"."table"'::regclass}: the table as the server resolves it. */
    public Sql regclass() {
        return Sql.regclass(schema.name(), table.name());
    }

    /** {@code "schema"."table"} as PostgreSQL prints it, for messages and text values (see {@link Identifier#quoted()}). */
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
