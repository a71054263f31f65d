package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.HotStandby;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run against a hot standby of a configured primary, migrate, its dry-run and validate stop with the standby
 * finding (exit 2, nothing changed) instead of failing on what a standby cannot read: the tool's history is unlogged,
 * and the slot, copied with the data directory, has no current WAL position in recovery (issue 20, item 8). status
 * says to ask the primary (exit 2), and info shows what it can read with the standby as its problem.
 */
class StandbyTest {

    @Test
    void everyVerbNamesTheStandby() {
        try (PostgresServer primary = PostgresServers.start(PostgresServers.defaultVersion(), List.of("wal_level = logical"))) {
            primary.createDatabase("shop");
            new Catalog(primary, "shop").execute("CREATE TABLE public.orders (id int PRIMARY KEY)");
            EndToEnd.migrate(Cli.env(primary, "shop"));
            try (HotStandby standby = HotStandby.of(primary)) {
                Map<String, String> env = Cli.env(primary, "shop");
                env.put("PGPORT", Integer.toString(standby.port()));
                for (List<String> verb : List.of(List.of("migrate"), List.of("migrate", "--dry-run"), List.of("validate"))) {
                    Cli.Result result = Cli.run(env, verb.toArray(String[]::new));
                    assertThat(result.exit()).as(result.toString()).isEqualTo(2);
                    assertThat(result.toString()).contains("1 problem;",
                            "the server is a standby (in recovery); run the tool against the primary");
                }
                Cli.Result status = Cli.run(env, "status");
                assertThat(status.exit()).as(status.toString()).isEqualTo(2);
                assertThat(status.err()).contains("the server is a standby (in recovery): run status against the primary");
                Cli.Result info = Cli.run(env, "info");
                assertThat(info.exit()).as(info.toString()).isZero();
                assertThat(info.out()).contains("wal_level", "PROBLEM: the server is a standby (in recovery)");
            }
            Cli.Result onThePrimary = Cli.run(Cli.env(primary, "shop"), "migrate");
            assertThat(onThePrimary.out()).as(onThePrimary.toString()).contains("Up to date");
        }
    }
}
