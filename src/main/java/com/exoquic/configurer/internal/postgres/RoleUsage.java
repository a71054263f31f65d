package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.config.Identifier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Roles are per server, databases are not: the other databases where the replication role holds privileges or owns
 * objects, read from pg_shdepend (readable by any role), so one database's run never breaks another's consumer.
 */
public final class RoleUsage {
    private static final String OTHER_DATABASES = """
            SELECT DISTINCT d.datname FROM pg_catalog.pg_shdepend s
              JOIN pg_catalog.pg_database d ON d.oid = s.dbid
             WHERE s.refclassid = 'pg_catalog.pg_authid'::regclass
               AND s.refobjid = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = ?)
               AND d.datname <> pg_catalog.current_database()
             ORDER BY 1""";

    private RoleUsage() {
    }

    /** The other databases that grant the role something, sorted; empty when the role does not exist. */
    public static List<String> otherDatabases(Connection connection, Identifier role) throws SQLException {
        List<String> databases = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(OTHER_DATABASES)) {
            statement.setString(1, role.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    databases.add(rs.getString(1));
                }
            }
        }
        return databases;
    }

    /** {@code "a", "b"}: database names as identifiers, so an odd name cannot blur the message. */
    public static String quoted(List<String> databases) {
        return String.join(", ", databases.stream().map(name -> Identifier.of(name).quoted()).toList());
    }
}
