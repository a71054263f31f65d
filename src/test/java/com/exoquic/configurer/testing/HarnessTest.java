package com.exoquic.configurer.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class HarnessTest {

    @Test
    void startsASuperuserServerWithPasswordLoginAndDefaultWalLevel(PostgresServer server) throws SQLException {
        assertThat(query(server, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("true");
        assertThat(query(server, "SHOW wal_level")).isEqualTo("replica");
        assertThat(query(server, "SHOW server_version_num")).startsWith(Integer.toString(server.majorVersion()));
        assertThatThrownBy(() -> server.connect("postgres", PostgresServer.SUPERUSER, "wrong").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    @Test
    void appliesASettingOnRestart(PostgresServer server) throws SQLException {
        server.execute("postgres", "ALTER SYSTEM SET wal_level = logical");
        assertThat(query(server, "SHOW wal_level")).isEqualTo("replica");
        server.restart();
        assertThat(query(server, "SHOW wal_level")).isEqualTo("logical");
    }

    @Test
    void runsTwoServersAtOnceAndAnotherMajorVersion(PostgresServer first) throws SQLException {
        int other = first.majorVersion() == 15 ? 16 : 15;
        try (PostgresServer second = PostgresServers.start(other, List.of("log_statement = 'all'"))) {
            assertThat(second.port()).isNotEqualTo(first.port());
            assertThat(query(second, "SHOW server_version_num")).startsWith(Integer.toString(other));
            assertThat(query(second, "SHOW log_statement")).isEqualTo("all");
            assertThat(query(first, "SHOW log_statement")).isEqualTo("none");
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
