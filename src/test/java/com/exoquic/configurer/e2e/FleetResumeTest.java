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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet run killed half-way (SIGKILL, in a JVM of its own) loses nothing it finished: its ledger holds a line per
 * finished target. {@code --resume} then runs exactly the others, and every database ends configured once: one
 * ledger line marking it done, its own slot, and each migration applied once in its history.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig({"wal_level = logical", "max_replication_slots = 40", "max_wal_senders = 40", "max_connections = 40"})
class FleetResumeTest {
    private static final int DATABASES = 30;

    @TempDir
    Path dir;

    @Test
    void aKilledRunResumesWithExactlyTheRest(PostgresServer server) throws Exception {
        List<String> tenants = Fleet.tenants(server, "resume", DATABASES);
        Path targets = Fleet.targets(dir, tenants.stream().map(name -> Fleet.url(server, name)).toList());
        Path ledger = dir.resolve("ledger.jsonl");
        Map<String, String> env = Fleet.env(server);

        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.exoquic.configurer.internal.cli.Main",
                "fleet", "migrate", "--targets", targets.toString(), "--ledger", ledger.toString(),
                "--parallelism", "2", "--connections-per-server", "8")
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile());
        child.environment().clear();
        child.environment().putAll(env);
        child.environment().put("LC_ALL", "C.UTF-8"); // the JVM decodes the environment (the password) by the locale
        Process run = child.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (lines(ledger).size() < DATABASES / 3 && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(run.isAlive()).as("still running when killed: " + Files.readString(dir.resolve("killed.log"))).isTrue();
        run.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, nothing
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Set<String> doneBefore = new HashSet<>();
        for (String line : lines(ledger)) {
            JsonNode entry = new ObjectMapper().readTree(line);
            assertThat(entry.get("outcome").asText()).isEqualTo("done");
            doneBefore.add(entry.get("target").asText().replaceAll(".*/", ""));
        }
        assertThat(doneBefore).hasSizeGreaterThanOrEqualTo(DATABASES / 3).hasSizeLessThan(DATABASES);

        Cli.Result resumed = Cli.run(env, "fleet", "migrate", "--targets", targets.toString(), "--resume",
                ledger.toString(), "--json");

        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(resumed.out());
        Set<String> ranNow = new HashSet<>();
        report.get("targets").forEach(target -> ranNow.add(target.get("target").asText().replaceAll(".*/", "")));
        Set<String> rest = new HashSet<>(tenants);
        rest.removeAll(doneBefore);
        assertThat(ranNow).isEqualTo(rest);
        assertThat(report.get("skipped").asInt()).isEqualTo(doneBefore.size());

        // Configured once: a done line each in the ledger, a slot each, and no migration applied twice.
        List<String> done = new ArrayList<>();
        for (String line : lines(ledger)) {
            done.add(new ObjectMapper().readTree(line).get("target").asText().replaceAll(".*/", ""));
        }
        assertThat(done).hasSize(DATABASES).containsExactlyInAnyOrderElementsOf(tenants);
        for (String tenant : tenants) {
            Catalog catalog = new Catalog(server, tenant);
            assertThat(catalog.column("SELECT slot_name FROM pg_replication_slots WHERE database = current_database()"))
                    .containsExactly("exoquic_" + tenant);
            assertThat(catalog.value("SELECT count(*) FROM (SELECT description, checksum FROM exoquic.flyway_schema_history"
                    + " WHERE success GROUP BY 1, 2 HAVING count(*) > 1) twice")).as(tenant).isEqualTo("0");
        }
    }

    private static List<String> lines(Path ledger) throws java.io.IOException {
        if (!Files.exists(ledger)) {
            return List.of();
        }
        return Files.readAllLines(ledger).stream().filter(line -> line.endsWith("}")).toList();
    }
}
