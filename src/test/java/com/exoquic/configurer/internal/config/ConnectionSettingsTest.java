package com.exoquic.configurer.internal.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class ConnectionSettingsTest {

    private static ConnectionSettings settings(String host, String database, Secret password) {
        return new ConnectionSettings(host, 5433, "admin", password, database, "require", 5, 7);
    }

    @Test
    void buildsTheJdbcUrl() {
        assertThat(settings("db.example.com", "shop", null).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example.com:5433/shop");
    }

    @Test
    void bracketsAnIpv6Host() {
        assertThat(settings("::1", "db", null).jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/db");
        assertThat(settings("[::1]", "db", null).jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/db");
    }

    @Test
    void encodesTheDatabaseName() {
        assertThat(settings("h", "my db/x?y+z", null).jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5433/my%20db%2Fx%3Fy%2Bz");
    }

    @Test
    void passesCredentialsAndOptionsAsProperties() {
        Properties props = settings("h", "db", Secret.of("s3cret")).jdbcProperties();
        assertThat(props).containsEntry("user", "admin")
                .containsEntry("password", "s3cret")
                .containsEntry("sslmode", "require")
                .containsEntry("connectTimeout", "7")
                .containsEntry("ApplicationName", "exoquic-configurer");
    }

    @Test
    void logsInAsAnotherRole() {
        Properties props = settings("h", "db", Secret.of("s3cret")).jdbcProperties("exoquic_replication", Secret.of("r"));
        assertThat(props).containsEntry("user", "exoquic_replication").containsEntry("password", "r");
    }

    @Test
    void sendsNoPasswordWhenThereIsNone() {
        assertThat(settings("h", "db", null).jdbcProperties()).doesNotContainKey("password");
    }

    @Test
    void neverPrintsThePassword() {
        ConnectionSettings connection = settings("h", "db", Secret.of("s3cret"));
        assertThat(connection.describe()).isEqualTo("admin@h:5433/db");
        assertThat(connection.toString()).doesNotContain("s3cret").contains(Secret.MASK);
    }
}
