package com.exoquic.configurer.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small read helpers for assertions on the catalog. */
public final class Catalog {
    private final PostgresServer server;
    private final String database;

    public Catalog(PostgresServer server, String database) {
        this.server = server;
        this.database = database;
    }

    /** First column of every row, as text. */
    public List<String> column(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return values;
    }

    public String value(String sql) {
        List<String> values = column(sql);
        return values.isEmpty() ? null : values.get(0);
    }

    public void execute(String... sql) {
        server.execute(database, sql);
    }
}
