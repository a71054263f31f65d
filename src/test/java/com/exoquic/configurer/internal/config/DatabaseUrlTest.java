package com.exoquic.configurer.internal.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

@Tag("unit")
class DatabaseUrlTest {

    @Test
    void splitsAFullPostgresUrl() {
        assertThat(DatabaseUrl.parse("postgres://admin:s3cret@db.example.com:6543/shop?sslmode=require"))
                .containsOnly(
                        entry(Setting.HOST, "db.example.com"),
                        entry(Setting.PORT, "6543"),
                        entry(Setting.USER, "admin"),
                        entry(Setting.PASSWORD, "s3cret"),
                        entry(Setting.DATABASE, "shop"),
                        entry(Setting.SSL_MODE, "require"));
    }

    @Test
    void acceptsThePostgresqlScheme() {
        assertThat(DatabaseUrl.parse("postgresql://admin:pw@host:5433/db"))
                .containsOnly(
                        entry(Setting.HOST, "host"),
                        entry(Setting.PORT, "5433"),
                        entry(Setting.USER, "admin"),
                        entry(Setting.PASSWORD, "pw"),
                        entry(Setting.DATABASE, "db"));
    }

    @Test
    void decodesPercentEncodedUserAndPasswordButKeepsPlus() {
        Map<Setting, String> parts = DatabaseUrl.parse("postgres://us%3Aer%40x:p%40ss+w%2Frd%25@host/db");
        assertThat(parts).containsEntry(Setting.USER, "us:er@x")
                .containsEntry(Setting.PASSWORD, "p@ss+w/rd%");
    }

    @Test
    void decodesThePercentEncodedDatabaseName() {
        assertThat(DatabaseUrl.parse("postgres://host/my%20db")).containsEntry(Setting.DATABASE, "my db");
    }

    @Test
    void leavesOutTheMissingParts() {
        assertThat(DatabaseUrl.parse("postgres://host")).containsOnly(entry(Setting.HOST, "host"));
        assertThat(DatabaseUrl.parse("postgres://host/")).containsOnly(entry(Setting.HOST, "host"));
        assertThat(DatabaseUrl.parse("postgres://user@host/db"))
                .containsOnly(entry(Setting.HOST, "host"), entry(Setting.USER, "user"), entry(Setting.DATABASE, "db"));
    }

    @Test
    void withoutPortHasNoPortPart() {
        assertThat(DatabaseUrl.parse("postgres://u:p@host/db")).doesNotContainKey(Setting.PORT)
                .containsEntry(Setting.HOST, "host");
    }

    @Test
    void acceptsABracketedIpv6Host() {
        assertThat(DatabaseUrl.parse("postgres://u:p@[::1]:5433/db"))
                .containsEntry(Setting.HOST, "::1")
                .containsEntry(Setting.PORT, "5433");
        assertThat(DatabaseUrl.parse("postgresql://[2001:db8::7]/db")).containsEntry(Setting.HOST, "2001:db8::7");
    }

    @Test
    void splitsAJdbcUrlWithCredentialsInTheQuery() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://host:5434/db?user=u&password=p&sslmode=disable"))
                .containsOnly(
                        entry(Setting.HOST, "host"),
                        entry(Setting.PORT, "5434"),
                        entry(Setting.USER, "u"),
                        entry(Setting.PASSWORD, "p"),
                        entry(Setting.DATABASE, "db"),
                        entry(Setting.SSL_MODE, "disable"));
    }

    @Test
    void decodesJdbcQueryValuesButKeepsPlus() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://host/db?user=a%40b&password=p%40ss+1"))
                .containsEntry(Setting.USER, "a@b")
                .containsEntry(Setting.PASSWORD, "p@ss+1");
    }

    @Test
    void ignoresOtherDriverOptions() {
        assertThat(DatabaseUrl.parse("postgres://host/db?application_name=x&connect_timeout=3&sslmode=verify-full"))
                .containsOnly(entry(Setting.HOST, "host"), entry(Setting.DATABASE, "db"),
                        entry(Setting.SSL_MODE, "verify-full"));
    }

    @Test
    void trimsSurroundingWhitespace() {
        assertThat(DatabaseUrl.parse("  postgres://host/db\n")).containsEntry(Setting.HOST, "host")
                .containsEntry(Setting.DATABASE, "db");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://admin:hunter2@host/db",
            "host:5432/db",
            "postgres:///db?password=hunter2",
            "postgres://admin:hunter2@/db",
            "postgres://admin:hunter2@host:notaport/db",
            "postgres://admin:hunt er2@host/db",
            "postgres://admin:hunter2%zz@host/db",
            "postgres://admin:hunter2@ho st/db",
            "postgres://admin:hunter2@host/db?password=hunter2%",
            "jdbc:mysql://host/db?password=hunter2",
    })
    void rejectsABadUrlWithoutRepeatingThePassword(String url) {
        assertThatThrownBy(() -> DatabaseUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .message().isNotBlank().doesNotContain("hunter2").doesNotContain("hunt");
    }

    @Test
    void saysThePortIsNotANumberWithoutRepeatingIt() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:p@localhost:notaport/shop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port")
                .hasMessageContaining("not a number")
                .hasMessageNotContaining("no host")
                .hasMessageNotContaining("notaport");
    }

    @Test
    void acceptsAHostWithAnUnderscore() {
        assertThat(DatabaseUrl.parse("postgres://u:p@db_1:5433/shop"))
                .containsEntry(Setting.HOST, "db_1")
                .containsEntry(Setting.PORT, "5433");
    }

    @Test
    void stillSaysWhenThereIsNoHost() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:p@:5432/shop")).hasMessageContaining("no host");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres:///shop")).hasMessageContaining("no host");
    }
}
