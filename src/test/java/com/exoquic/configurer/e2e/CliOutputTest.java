package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every line the CLI prints is meant for a person: no logger prefixes, and the info table's columns line up. */
@ExtendWith(PostgresExtension.class)
@ServerConfig("wal_level = logical")
class CliOutputTest {

    @Test
    void migrateHasNoLoggerPrefixAndInfoColumnsAlign(PostgresServer server) {
        server.createDatabase("shop");
        server.execute("shop", "CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.events (at timestamptz)");
        Map<String, String> env = Cli.env(server, "shop");

        Cli.Result migrate = Cli.run(env, "migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        assertThat(migrate.out() + migrate.err())
                .doesNotContainPattern("\\[main\\]|\\b(WARN|INFO|DEBUG)\\b|com\\.exoquic|org\\.flywaydb");

        Cli.Result info = Cli.run(env, "info");
        assertThat(info.exit()).as(info.toString()).isZero();
        List<String> table = info.out().lines().takeWhile(line -> !line.isBlank()).toList();
        assertThat(table).hasSizeGreaterThan(3);
        List<List<Integer>> separators = table.stream().map(CliOutputTest::separatorColumns).toList();
        assertThat(separators.stream().distinct().collect(Collectors.toList()))
                .as("the '|' of every row at the same columns:%n%s", String.join("\n", table)).hasSize(1);
        assertThat(info.out()).doesNotContain("repeatable");
    }

    private static List<Integer> separatorColumns(String line) {
        return java.util.stream.IntStream.range(0, line.length()).filter(i -> line.charAt(i) == '|').boxed().toList();
    }
}
