package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.template.SqlModel;
import com.exoquic.configurer.internal.template.SqlTemplates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What teardown may not drop without taking others' objects with it (it never uses CASCADE), read in one statement
 * (teardown_dependents.sql): {@code schemaDependents}, objects outside the exoquic schema that depend on something in
 * it; {@code roleOwns}, what the replication role owns. Described for a person, control characters made visible.
 */
public record TeardownBlockers(List<String> schemaDependents, List<String> roleOwns) {

    public static TeardownBlockers read(Connection connection, SqlTemplates templates, Identifier role)
            throws SQLException {
        String sql = templates.render("teardown_dependents", Map.of("role", SqlModel.name(role)));
        List<String> schema = new ArrayList<>();
        List<String> owned = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                (rs.getString(1).equals("schema") ? schema : owned).add(Inspector.visible(rs.getString(2)));
            }
        }
        return new TeardownBlockers(schema, owned);
    }
}
