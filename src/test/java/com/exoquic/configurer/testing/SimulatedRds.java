package com.exoquic.configurer.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A simulated AWS RDS on a test server (started with {@code rds.logical_replication = '0'}): its roles, an admin
 * that is rds_superuser but no superuser and owns the database {@code shop}, and an environment that connects as it.
 */
public final class SimulatedRds {
    public static final String ADMIN = "rds_admin";
    public static final String ADMIN_PASSWORD = "rds-admin-pw";

    private SimulatedRds() {
    }

    /** Sets up the roles and {@code shop}, then creates {@code tables} there as the admin; returns the CLI's environment. */
    public static Map<String, String> setUp(PostgresServer server, String... tables) throws SQLException {
        server.execute("postgres",
                "CREATE ROLE rds_superuser NOLOGIN",
                "CREATE ROLE rds_replication NOLOGIN",
                "CREATE ROLE " + ADMIN + " LOGIN CREATEROLE PASSWORD '" + ADMIN_PASSWORD + "' IN ROLE rds_superuser",
                "GRANT rds_replication TO " + ADMIN + " WITH ADMIN OPTION",
                "CREATE DATABASE shop OWNER " + ADMIN);
        try (Connection admin = server.connect("shop", ADMIN, ADMIN_PASSWORD);
             Statement statement = admin.createStatement()) {
            for (String table : tables) {
                statement.execute(table);
            }
        }
        Map<String, String> env = Cli.env(server, "shop");
        env.put("PGUSER", ADMIN);
        env.put("PGPASSWORD", ADMIN_PASSWORD);
        return env;
    }
}
