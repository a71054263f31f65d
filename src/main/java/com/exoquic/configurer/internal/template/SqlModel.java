package com.exoquic.configurer.internal.template;

import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.TableName;
import com.exoquic.configurer.internal.sql.Sql;

import java.util.List;
import java.util.Map;

/** Turns names into the {@link Sql} forms a template may write. */
public final class SqlModel {
    private SqlModel() {
    }

    /** A name as {@code ident} ({@code "name"}), {@code literal} ({@code 'name'}) and {@code regrole}. */
    public static Map<String, Object> name(Identifier identifier) {
        return Map.of("ident", identifier.sql(), "literal", Sql.literal(identifier.name()),
                "regrole", Sql.regrole(identifier.name()));
    }

    /** {@code "a", "b"}. */
    public static Sql identifiers(List<Identifier> names) {
        return Sql.list(names.stream().map(Identifier::sql).toList());
    }

    /** {@code 'a', 'b'}. */
    public static Sql literals(List<Identifier> names) {
        return Sql.list(names.stream().map(name -> Sql.literal(name.name())).toList());
    }

    /** {@code "s"."a", "s"."b"}. */
    public static Sql tables(List<TableName> tables) {
        return Sql.list(tables.stream().map(TableName::sql).toList());
    }

    /** {@code '"s"."a"'::regclass, '"s"."b"'::regclass}. */
    public static Sql regclasses(List<TableName> tables) {
        return Sql.list(tables.stream().map(TableName::regclass).toList());
    }
}
