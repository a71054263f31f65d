package com.exoquic.configurer.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class HarnessTest {

    @Test
    void startsASuperuserServerWithPasswordLoginAndDefaultWalLevel(PostgresServer server) throws SQLException {
        assertThat(query(server, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("true");
        assertThat(query(server, "SELECT rolpassword FROM pg_authid WHERE rolname = current_user"))
                .as("stored hashed once: logins cost little CPU").startsWith("SCRAM-SHA-256$1:");
        assertThat(query(server, "SHOW wal_level")).isEqualTo("logical");
        assertThat(query(server, "SHOW server_version_num")).startsWith(Integer.toString(server.majorVersion()));
        assertThatThrownBy(() -> server.connect("postgres", PostgresServer.SUPERUSER, "wrong").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    @Test
    @ServerConfig(WAL_LEVEL_REPLICA)
    void appliesASettingOnRestart(PostgresServer server) throws SQLException {
        server.execute("postgres", "ALTER SYSTEM SET wal_level = logical");
        assertThat(query(server, "SHOW wal_level")).isEqualTo("replica");
        server.restart();
        assertThat(query(server, "SELECT rolpassword FROM pg_authid WHERE rolname = current_user"))
                .as("stored hashed once: logins cost little CPU").startsWith("SCRAM-SHA-256$1:");
        assertThat(query(server, "SHOW wal_level")).isEqualTo("logical");
    }

    @Test
    void runsTwoServersAtOnceAndAnotherMajorVersion(PostgresServer first) throws SQLException {
        int other = first.majorVersion() == 15 ? 16 : 15;
        try (PostgresServer second = PostgresServers.start(other, List.of("log_statement = 'all'"))) {
            assertThat(second.port()).isNotEqualTo(first.port());
            assertThat(query(second, "SHOW server_version_num")).startsWith(Integer.toString(other));
            assertThat(query(second, "SHOW log_statement")).isEqualTo("all");
            assertThat(query(second, "SELECT rolpassword FROM pg_authid WHERE rolname = current_user"))
                    .startsWith("SCRAM-SHA-256$1:");
            assertThat(query(first, "SHOW log_statement")).isEqualTo("none");
        }
    }

    @Test
    void serversOfOneVersionAreCopiesOfOneTemplateThatShareNothing(PostgresServer first) throws SQLException {
        try (PostgresServer second = PostgresServers.start(first.majorVersion(), List.of())) {
            assertThat(second.port()).isNotEqualTo(first.port());
            first.execute("postgres", "CREATE ROLE only_in_first", "CREATE DATABASE only_in_first");
            assertThat(query(second, "SELECT count(*) FROM pg_roles WHERE rolname = 'only_in_first'")).isEqualTo("0");
            assertThat(query(second, "SELECT count(*) FROM pg_database WHERE datname = 'only_in_first'")).isEqualTo("0");
        }
    }

    @Test
    void theLastWalLevelLineWinsAndReplicaMeansNoneAsOnAFreshServer() {
        assertThat(PostgresServers.withDefaults(List.of("log_statement = 'all'")))
                .containsExactly("wal_level = logical", "log_statement = 'all'");
        assertThat(PostgresServers.withDefaults(List.of("wal_level = logical", "log_statement = 'all'", WAL_LEVEL_REPLICA)))
                .containsExactly("log_statement = 'all'");
        assertThat(PostgresServers.withDefaults(List.of(WAL_LEVEL_REPLICA, "wal_level = logical")))
                .endsWith("wal_level = logical");
    }

    @Test
    void aReservedPortIsHeldUntilReleasedAndAPortInUseIsSkipped() throws IOException {
        int port;
        try (ServerPorts.Reservation reservation = ServerPorts.reserve()) {
            port = reservation.port();
            assertThat(port).isBetween(ServerPorts.FIRST, ServerPorts.LAST);
            assertThat(ServerPorts.tryReserve(port)).as("held").isNull();
        }
        try (ServerSocket listening = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(ServerPorts.tryReserve(port)).as("released, but something listens on it").isNull();
        }
        try (ServerPorts.Reservation again = ServerPorts.tryReserve(port)) {
            assertThat(again).as("free again").isNotNull();
        }
    }

    private static String query(PostgresServer server, String sql) throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
