package com.exoquic.configurer.internal.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several catalog queries sent as one statement, so reading the catalog costs one round trip, however far away the
 * server is. Two ways in, by what the query needs:
 * <ul>
 * <li>{@link #addIf}: the query runs inside the server through {@code query_to_xml}, which parses it only when it
 * runs, so behind a guard it may name a table that does not exist yet or a view only a superuser may read. Its text
 * is a bind parameter; its rows come back as one text column (see {@link XmlRows}).</li>
 * <li>{@link #addColumns}: for a query whose rows grow with the number of tables (turning 25,000 rows into XML
 * costs twice the query itself): it is part of the statement, and each of the columns named comes back as one
 * array. Its columns must be scalars, named as the caller reads them.</li>
 * <li>{@link #addRow}: a query of exactly one row, joined into the statement under a name, so that the guards of
 * other parts can use its columns ({@code state.unchanged}): it runs once, whatever the guards.</li>
 * </ul>
 */
final class CatalogRead {
    private final List<Part> parts = new ArrayList<>();

    /** Adds a query, read through query_to_xml; returns the handle its rows are read with. */
    int add(String query) {
        return addIf(null, query);
    }

    /**
     * Adds a query that runs only when {@code guard} (constant SQL, no names but the columns of an {@link #addRow}
     * part) is true; its rows are null otherwise.
     */
    int addIf(String guard, String query) {
        parts.add(new Part(guard, query, List.of(), null));
        return parts.size() - 1;
    }

    /** Adds a query whose scalar columns {@code names} (lower case, as the query names them) are read, one array each. */
    int addColumns(String query, String... names) {
        parts.add(new Part(null, query, List.of(names), null));
        return parts.size() - 1;
    }

    /**
     * Adds a query that returns exactly one row, joined into the statement as {@code alias}: a guard of
     * {@link #addIf} may name its columns ({@code alias.column}); its columns {@code names} come back as its row.
     */
    int addRow(String alias, String query, String... names) {
        parts.add(new Part(null, query, List.of(names), alias));
        return parts.size() - 1;
    }

    Result run(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(statement())) {
            int parameter = 1;
            for (Part part : parts) {
                if (part.xml()) {
                    statement.setString(parameter++, part.query);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                List<List<CatalogRow>> rows = new ArrayList<>();
                int column = 1;
                for (Part part : parts) {
                    if (part.row()) {
                        rows.add(List.of(row(rs, column, part.names)));
                        column += part.names.size();
                    } else if (part.columnar()) {
                        rows.add(rows(rs, column, part.names));
                        column += part.names.size();
                    } else {
                        String xml = rs.getString(column++);
                        rows.add(xml == null ? null : XmlRows.parse(xml));
                    }
                }
                return new Result(rows);
            }
        }
    }

    private String statement() {
        List<String> columns = new ArrayList<>();
        List<String> from = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (part.row()) {
                for (String name : part.names) {
                    columns.add(part.alias + "." + name + "::text");
                }
                // OFFSET 0 keeps the planner from pulling the query up into the statement, which would compute it
                // again wherever a guard names one of its columns.
                from.add("(SELECT * FROM (" + part.query + "\n) AS q OFFSET 0) AS " + part.alias);
            } else if (part.columnar()) {
                List<String> arrays = new ArrayList<>();
                for (String name : part.names) {
                    arrays.add("pg_catalog.array_agg(q." + name + "::text) AS " + name);
                    columns.add("p" + i + "." + name);
                }
                from.add("(SELECT " + String.join(", ", arrays) + "\n  FROM (" + part.query + "\n) AS q) AS p" + i);
            } else {
                String read = "pg_catalog.query_to_xml(?, true, true, '')::text";
                columns.add(part.guard == null ? read : "CASE WHEN " + part.guard + " THEN " + read + " END");
            }
        }
        return "SELECT " + String.join(",\n       ", columns) + (from.isEmpty() ? "" : "\n  FROM " + String.join(",\n", from));
    }

    /** Row {@code i} holds element {@code i} of each column's array (array_agg gives NULL for no rows). */
    private static List<CatalogRow> rows(ResultSet rs, int first, List<String> names) throws SQLException {
        int width = names.size();
        List<String[]> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            Array array = rs.getArray(first + c);
            columns.add(array == null ? new String[0] : (String[]) array.getArray());
        }
        List<CatalogRow> rows = new ArrayList<>(columns.get(0).length);
        for (int r = 0; r < columns.get(0).length; r++) {
            Object[] values = new Object[width];
            for (int c = 0; c < width; c++) {
                values[c] = columns.get(c)[r];
            }
            rows.add(new CatalogRow(names, Arrays.asList(values)));
        }
        return rows;
    }

    /** The row of a part added by {@link #addRow}: its columns as text. */
    private static CatalogRow row(ResultSet rs, int first, List<String> names) throws SQLException {
        List<Object> values = new ArrayList<>(names.size());
        for (int c = 0; c < names.size(); c++) {
            values.add(rs.getString(first + c));
        }
        return new CatalogRow(names, values);
    }

    private record Part(String guard, String query, List<String> names, String alias) {
        boolean row() {
            return alias != null;
        }

        boolean columnar() {
            return !names.isEmpty() && alias == null;
        }

        /** Read through query_to_xml, its text a bind parameter. */
        boolean xml() {
            return names.isEmpty();
        }
    }

    /** The rows of each query, by handle. */
    record Result(List<List<CatalogRow>> rows) {
        /** The query's rows; null when its guard was false. */
        List<CatalogRow> rows(int handle) {
            return rows.get(handle);
        }

        /** The query's only row; null when it returned none (or did not run). */
        CatalogRow row(int handle) {
            List<CatalogRow> result = rows.get(handle);
            return result == null || result.isEmpty() ? null : result.get(0);
        }
    }
}
