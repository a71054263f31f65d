package com.exoquic.configurer.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several catalog queries sent as one statement, so reading the catalog costs one round trip, however far away the
 * server is. Each query runs inside the server through {@code query_to_xml}, which parses it only when it runs: a
 * query behind a guard may name a table that does not exist yet or a view only a superuser may read. Each query's
 * text is a bind parameter, and its rows come back as one column of the statement's one row (see {@link XmlRows}).
 */
final class CatalogRead {
    private final List<String> guards = new ArrayList<>();
    private final List<String> queries = new ArrayList<>();

    /** Adds a query; returns the handle its rows are read with. */
    int add(String query) {
        return addIf(null, query);
    }

    /** Adds a query that runs only when {@code guard} (constant SQL, no names) is true; its rows are null otherwise. */
    int addIf(String guard, String query) {
        guards.add(guard);
        queries.add(query);
        return queries.size() - 1;
    }

    Result run(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(statement())) {
            for (int i = 0; i < queries.size(); i++) {
                statement.setString(i + 1, queries.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                List<List<XmlRows.Row>> rows = new ArrayList<>();
                for (int i = 0; i < queries.size(); i++) {
                    String xml = rs.getString(i + 1);
                    rows.add(xml == null ? null : XmlRows.parse(xml));
                }
                return new Result(rows);
            }
        }
    }

    private String statement() {
        List<String> columns = new ArrayList<>();
        for (String guard : guards) {
            String read = "pg_catalog.query_to_xml(?, true, true, '')::text";
            columns.add(guard == null ? read : "CASE WHEN " + guard + " THEN " + read + " END");
        }
        return "SELECT " + String.join(",\n       ", columns);
    }

    /** The rows of each query, by handle. */
    record Result(List<List<XmlRows.Row>> rows) {
        /** The query's rows; null when its guard was false. */
        List<XmlRows.Row> rows(int handle) {
            return rows.get(handle);
        }

        /** The query's only row; null when it returned none (or did not run). */
        XmlRows.Row row(int handle) {
            List<XmlRows.Row> result = rows.get(handle);
            return result == null || result.isEmpty() ? null : result.get(0);
        }
    }
}
