package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 databases on one fresh server (wal_level replica): one fleet run sets the server's parameters once (three
 * ALTER SYSTEM statements, not three per database) and reports one restart for all 200; after the restart the next
 * run configures every database (its own slot, the publication, the role's grants), and a third changes nothing.
 * Throughout, the sessions the tool held on the server, sampled from pg_stat_activity, never exceed the limit.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig({"max_connections = 60", "log_statement = 'ddl'", ServerConfig.WAL_LEVEL_REPLICA})
class FleetMigrateTest {
    private static final int DATABASES = 200;
    private static final int LIMIT = 17;

    @TempDir
    Path dir;

    @Test
    void twoHundredDatabasesOneRestartThenConfiguredThenNothingToDo(PostgresServer server) throws Exception {
        long made = System.nanoTime();
        List<String> tenants = Fleet.tenants(server, "tenant", DATABASES);
        System.out.printf("%d databases made in %.1f s%n", DATABASES, (System.nanoTime() - made) / 1e9);
        Path targets = Fleet.targets(dir, tenants.stream().map(name -> Fleet.url(server, name)).toList());
        Path ledger = dir.resolve("ledger.jsonl");
        Map<String, String> env = Fleet.env(server);
        String[] fleet = {"fleet", "migrate", "--targets", targets.toString(), "--ledger", ledger.toString(),
            "--parallelism", "8", "--connections-per-server", Integer.toString(LIMIT)};
        Catalog postgres = new Catalog(server, "postgres");

        Cli.Result first;
        Cli.Result second;
        Cli.Result third;
        try (Fleet.SessionSampler sampler = new Fleet.SessionSampler(server)) {
            first = Cli.run(env, fleet);
            report("first run", first);
            assertThat(first.exit()).as(first.toString()).isEqualTo(3);
            assertThat(postgres.column("SELECT slot_name FROM pg_replication_slots")).isEmpty();
            server.restart();
            second = Cli.run(env, fleet);
            report("after the restart", second);
            third = Cli.run(env, append(fleet, "--json"));
            report("again", third);
            sampler.close();
            assertThat(sampler.samples()).isGreaterThan(100);
            assertThat(sampler.peak()).as("the most sessions the tool held at once").isLessThanOrEqualTo(LIMIT)
                    .as("targets ran side by side").isGreaterThan(4);
        }

        // One restart for all: the parameters written once, for all 200 (a slot and a consumer each).
        assertThat(first.out()).contains("restart needed for 200 databases")
                .contains("max_replication_slots 10 -> 200", "max_wal_senders 10 -> 200", "wal_level replica -> logical");
        assertThat(server.logLines().stream().filter(line -> line.contains("app=exoquic-configurer")
                && line.contains("ALTER SYSTEM"))).hasSize(3);

        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).contains("fleet migrate: 200 target(s)", "200 done").doesNotContain("restart needed");
        assertThat(postgres.value("SELECT count(*) FROM pg_replication_slots s JOIN pg_database d ON d.datname = s.database"
                + " WHERE s.slot_name = 'exoquic_' || d.datname AND s.plugin = 'pgoutput'")).isEqualTo("200");
        for (String tenant : tenants) {
            assertThat(new Catalog(server, tenant).value("SELECT concat_ws(',', (SELECT puballtables FROM pg_publication"
                    + " WHERE pubname = 'exoquic_publication'), has_table_privilege('exoquic_replication',"
                    + " 'sales.audit', 'SELECT'), (SELECT relreplident FROM pg_class WHERE oid = 'sales.audit'::regclass))"))
                    .as(tenant).isEqualTo("t,t,f");
        }

        assertThat(third.exit()).as(third.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(third.out());
        assertThat(report.get("targets")).hasSize(DATABASES);
        report.get("targets").forEach(target -> {
            assertThat(target.get("outcome").asText()).isEqualTo("DONE");
            assertThat(target.get("changed").asBoolean()).as(target.get("name").asText()).isFalse();
        });

        // The ledger: a line per target per run, none holding the password of the target URLs.
        List<String> lines = Files.readAllLines(ledger);
        assertThat(lines).hasSize(3 * DATABASES);
        assertThat(lines.subList(0, DATABASES)).allMatch(line -> line.contains("\"outcome\":\"restart_needed\""));
        assertThat(String.join("\n", lines) + first + second + third).doesNotContain(PostgresServer.SUPERUSER_PASSWORD);
    }

    /** The progress lines and the summary's head, for the test's output file. */
    private static void report(String run, Cli.Result result) {
        System.out.println(run + ": exit " + result.exit());
        result.err().lines().filter(line -> line.startsWith("fleet:")).forEach(System.out::println);
        result.out().lines().limit(4).forEach(System.out::println);
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
