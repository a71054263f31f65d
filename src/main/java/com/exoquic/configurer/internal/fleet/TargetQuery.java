package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.postgres.SqlFailures;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Targets from a query run on a server, e.g. every database whose name matches a pattern:
 * {@code SELECT datname FROM pg_database WHERE datname LIKE 'tenant\_%'}. The first column is a database of that
 * server (or a whole connection URL); columns named {@code name}, {@code tables}, {@code slot} and
 * {@code publication} override those settings; any other column becomes a label of that name. The query runs in a
 * read-only transaction whose search path is {@code pg_catalog} only.
 */
public final class TargetQuery {
    private TargetQuery() {
    }

    /** @param server the connection parts of the server the query runs on; each row's target inherits them */
    public static TargetList.Parsed run(Connection connection, String sql, Map<Setting, String> server) {
        List<Target> targets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL search_path = pg_catalog, pg_temp");
                try (ResultSet rows = statement.executeQuery(sql)) {
                    read(rows, server, targets, problems);
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new ConfigurerException(ErrorCode.CONFIGURATION, "The targets query failed: "
                    + SqlFailures.describe(e) + ". Nothing was changed.", e);
        }
        if (targets.isEmpty() && problems.isEmpty()) {
            problems.add("the targets query returned no row");
        }
        return new TargetList.Parsed(targets, problems);
    }

    private static void read(ResultSet rows, Map<Setting, String> server, List<Target> targets, List<String> problems)
            throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int row = 0;
        while (rows.next()) {
            row++;
            String where = "targets query row " + row;
            String first = rows.getString(1);
            if (first == null || first.isBlank()) {
                problems.add(where + ": the first column is empty");
                continue;
            }
            Map<Setting, String> overrides = new EnumMap<>(Setting.class);
            Map<String, String> labels = new LinkedHashMap<>();
            String name = null;
            for (int column = 2; column <= meta.getColumnCount(); column++) {
                String label = meta.getColumnLabel(column);
                String value = rows.getString(column);
                switch (label) {
                    case "name" -> name = value;
                    case "tables" -> putIfSet(overrides, Setting.TABLES, value);
                    case "slot" -> putIfSet(overrides, Setting.SLOT, value);
                    case "publication" -> putIfSet(overrides, Setting.PUBLICATION, value);
                    default -> {
                        if (value == null) {
                            continue;
                        }
                        if (!LabelSelector.validKey(label) || !LabelSelector.validValue(value)) {
                            problems.add(where + ": column '" + label + "' is not a label name with a label value");
                        } else {
                            labels.put(label, value);
                        }
                    }
                }
            }
            Map<Setting, String> connection;
            if (first.startsWith("postgres://") || first.startsWith("postgresql://") || first.startsWith("jdbc:")) {
                try {
                    connection = com.exoquic.configurer.internal.config.DatabaseUrl.parse(first);
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                    continue;
                }
            } else {
                connection = new EnumMap<>(Setting.class);
                connection.putAll(server);
                connection.put(Setting.DATABASE, first);
            }
            targets.add(new Target(name, connection, overrides, labels, where));
        }
    }

    private static void putIfSet(Map<Setting, String> into, Setting setting, String value) {
        if (value != null) {
            into.put(setting, value);
        }
    }
}
