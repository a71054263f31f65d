package com.exoquic.configurer.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/** A throwaway PostgreSQL server owned by one test (or one test class). */
public interface PostgresServer extends AutoCloseable {
    String SUPERUSER = "postgres";
    String SUPERUSER_PASSWORD = "test-superuser-pw";

    String host();

    int port();

    int majorVersion();

    /** Applies a server setting on the next reload or restart (written to postgresql.conf). */
    void configure(String name, String value);

    /** Stops and starts the server, applying pending settings. */
    void restart();

    /** Stops the server (it can be started again with {@link #start()}). */
    void stop();

    void start();

    /** Everything the server logged so far. */
    List<String> logLines();

    @Override
    void close();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    default String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    default Connection connect(String database, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "exoquic-test");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    default Connection connect(String database) throws SQLException {
        return connect(database, SUPERUSER, SUPERUSER_PASSWORD);
    }

    default Connection connect() throws SQLException {
        return connect("postgres");
    }

    /** Runs statements as superuser on a database, each in autocommit. */
    default void execute(String database, String... sql) {
        executeAs(database, SUPERUSER, SUPERUSER_PASSWORD, sql);
    }

    /** Runs statements as {@code user} (an application's role, say) on a database, each in autocommit. */
    default void executeAs(String database, String user, String password, String... sql) {
        try (Connection connection = connect(database, user, password); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Creates a database and returns its name. */
    default String createDatabase(String name) {
        execute("postgres", "CREATE DATABASE \"" + name + "\"");
        return name;
    }
}
