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
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures among the databases of one run, each isolated and reported with the single-database run's own error
 * code: a server that refuses connections, a database with a preflight finding, one dropped while its run waits
 * for a table lock, one whose run lock another run holds. The others finish, and the exit status says some failed.
 * Then {@code fleet status --format openmetrics}, read back by a real OpenMetrics parser.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig({"wal_level = logical", "max_connections = 60", "max_replication_slots = 40", "max_wal_senders = 40"})
class FleetFailuresTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eachFailureHasItsOwnCodeAndTheOthersFinish(PostgresServer server) throws Exception {
        List<String> healthy = Fleet.tenants(server, "ok", 20);
        List<String> odd = Fleet.tenants(server, "odd", 3);
        String finding = odd.get(0);
        String dropped = odd.get(1);
        String locked = odd.get(2);
        new Catalog(server, finding).execute("ALTER TABLE public.events REPLICA IDENTITY NOTHING");
        int closed = Fleet.closedPort();
        List<String> lines = new ArrayList<>();
        healthy.subList(0, 10).forEach(name -> lines.add(Fleet.url(server, name)));
        lines.add(Fleet.url(server.host(), closed, "refusing"));
        odd.forEach(name -> lines.add(Fleet.url(server, name)));
        healthy.subList(10, 20).forEach(name -> lines.add(Fleet.url(server, name)));
        Path ledger = dir.resolve("ledger.jsonl");

        // Another run's lock on one database; a table lock on another, which its run waits for until it is dropped.
        try (Connection lockHolder = server.connect(locked); Connection tableHolder = server.connect(dropped);
             Statement lockStatement = lockHolder.createStatement(); Statement tableStatement = tableHolder.createStatement()) {
            lockStatement.execute("SELECT pg_advisory_lock(" + 0x65786f71 + ", 1)");
            tableHolder.setAutoCommit(false);
            tableStatement.execute("LOCK TABLE public.events IN ACCESS SHARE MODE");
            CompletableFuture<Void> dropper = CompletableFuture.runAsync(() -> dropWhileWaiting(server, dropped));

            Cli.Result result = Cli.run(Fleet.env(server), "fleet", "migrate", "--targets",
                    Fleet.targets(dir, lines).toString(), "--ledger", ledger.toString(), "--json",
                    "--target-timeout", "20s", "--retries", "1", "--parallelism", "4");
            dropper.get(1, TimeUnit.MINUTES);

            assertThat(result.exit()).as(result.toString()).isEqualTo(1);
            Map<String, JsonNode> byDatabase = new HashMap<>();
            JSON.readTree(result.out()).get("targets").forEach(target ->
                    byDatabase.put(target.get("target").asText().replaceAll(".*/", ""), target));
            assertThat(byDatabase).hasSize(24);
            healthy.forEach(name -> assertThat(byDatabase.get(name).get("outcome").asText()).as(name).isEqualTo("DONE"));
            assertThat(code(byDatabase.get("refusing"))).isEqualTo("FAILED");
            assertThat(byDatabase.get("refusing").get("message").asText()).contains("nothing accepted the connection");
            assertThat(code(byDatabase.get(finding))).isEqualTo("PREFLIGHT");
            assertThat(byDatabase.get(finding).get("findings").get(0).get("message").asText()).contains("NOTHING");
            assertThat(code(byDatabase.get(dropped))).as(byDatabase.get(dropped).toString()).isEqualTo("CONNECTION");
            assertThat(byDatabase.get(dropped).get("message").asText()).contains("does not exist");
            assertThat(byDatabase.get(dropped).get("attempts").asInt()).as("retried after the lost connection").isEqualTo(2);
            assertThat(code(byDatabase.get(locked))).isEqualTo("LOCK_TIMEOUT");
            assertThat(byDatabase.get(locked).get("message").asText()).contains("20 s", "run lock");
        }
        // The others are configured; the ledger has each target once, with the same codes, and no password.
        healthy.forEach(name -> assertThat(new Catalog(server, name).value("SELECT slot_name FROM pg_replication_slots"
                + " WHERE database = current_database()")).isEqualTo("exoquic_" + name));
        List<String> entries = Files.readAllLines(ledger);
        assertThat(entries).hasSize(24).anyMatch(line -> line.contains("\"code\":\"LOCK_TIMEOUT\""))
                .anyMatch(line -> line.contains("\"code\":\"PREFLIGHT\"")).noneMatch(line -> line.contains(
                        PostgresServer.SUPERUSER_PASSWORD));
    }

    @Test
    void statusAsOpenMetricsLabelsEachTargetWithItsDatabaseAndServer(PostgresServer server) throws Exception {
        StatusOpenMetricsTest.requireParser();
        List<String> tenants = Fleet.tenants(server, "metrics", 3);
        Path targets = Fleet.targets(dir, tenants.stream().map(name -> Fleet.url(server, name)).toList());
        Map<String, String> env = Fleet.env(server);
        Cli.Result migrate = Cli.run(env, "fleet", "migrate", "--targets", targets.toString());
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        List<String> withDown = new ArrayList<>(Files.readAllLines(targets));
        withDown.add(Fleet.url(server.host(), Fleet.closedPort(), "down"));
        Files.write(targets, withDown);

        Cli.Result status = Cli.run(env, "fleet", "status", "--format", "openmetrics", "--targets", targets.toString(),
                "--retries", "0");

        assertThat(status.exit()).as("one target could not be read").isEqualTo(1);
        assertThat(status.out()).endsWith("# EOF\n");
        Map<String, Double> samples = StatusOpenMetricsTest.parse(status.out());
        String here = server.host() + ":" + server.port();
        for (String tenant : tenants) {
            String labels = "database=" + tenant + ",server=" + here;
            assertThat(samples.get("exoquic_slot_exists{" + labels + ",slot=exoquic_" + tenant + "}")).isEqualTo(1.0);
            assertThat(samples.get("exoquic_publication_tables{database=" + tenant
                    + ",publication=exoquic_publication,server=" + here + "}")).isEqualTo(4.0);
            assertThat(samples.get("exoquic_fleet_status_read{" + labels + ",target=" + tenant + "}"))
                    .isNull(); // the target label is the target's name: its URL without secrets
        }
        assertThat(samples).containsEntry("exoquic_fleet_status_read{database=" + tenants.get(0) + ",server=" + here
                + ",target=postgres://postgres@" + here + "/" + tenants.get(0) + "}", 1.0);
        assertThat(samples.entrySet()).anyMatch(sample -> sample.getKey().startsWith("exoquic_fleet_status_read{database=down,")
                && sample.getValue() == 0.0);
        assertThat(status.out()).doesNotContain(PostgresServer.SUPERUSER_PASSWORD);
    }

    private static String code(JsonNode target) {
        return target.get("code").asText();
    }

    /** Drops the database (ending its sessions) once the fleet's run there waits for a lock. */
    private static void dropWhileWaiting(PostgresServer server, String database) {
        Catalog postgres = new Catalog(server, "postgres");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            if (!postgres.column("SELECT pid FROM pg_stat_activity WHERE datname = '" + database
                    + "' AND application_name = 'exoquic-configurer' AND wait_event_type = 'Lock'").isEmpty()) {
                server.execute("postgres", "DROP DATABASE " + database + " WITH (FORCE)");
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the fleet never waited for the lock in " + database);
    }
}
