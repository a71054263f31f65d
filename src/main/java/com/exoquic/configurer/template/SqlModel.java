package com.exoquic.configurer.template;

import com.exoquic.configurer.config.Identifier;
import com.exoquic.configurer.config.TableName;
import org.postgresql.core.Utils;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns names into the only forms a template may place in SQL: a quoted identifier ({@code ident}) or a
 * string literal escaped by the PostgreSQL driver ({@code literal}).
 */
public final class SqlModel {
    private SqlModel() {
    }

    public static Map<String, Object> name(Identifier identifier) {
        return Map.of("ident", identifier.quoted(), "literal", literal(identifier.name()), "name", identifier.name(),
                "regrole", literal(identifier.quoted()) + "::regrole");
    }

    /** A table: {@code ident} is {@code "schema"."table"}, {@code regclass} a literal cast to regclass. */
    public static Map<String, Object> table(TableName table) {
        return Map.of("ident", table.quoted(), "regclass", literal(table.quoted()) + "::regclass",
                "schema", name(table.schema()), "table", name(table.table()));
    }

    public static List<Map<String, Object>> tables(List<TableName> tables) {
        return withSeparators(tables.stream().map(SqlModel::table).toList());
    }

    public static List<Map<String, Object>> names(List<Identifier> names) {
        return withSeparators(names.stream().map(SqlModel::name).toList());
    }

    /** A string literal, e.g. {@code 'O''Brien'}, escaped by the driver for standard_conforming_strings. */
    public static String literal(String value) {
        try {
            return Utils.escapeLiteral(new StringBuilder("'"), value, true).append('\'').toString();
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot be written as an SQL literal (it contains a NUL character)");
        }
    }

    /** Adds {@code last} to each entry, so templates can write comma-separated lists. */
    private static List<Map<String, Object>> withSeparators(List<Map<String, Object>> entries) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> entry = new HashMap<>(entries.get(i));
            entry.put("comma", i < entries.size() - 1 ? "," : "");
            result.add(entry);
        }
        return result;
    }
}
