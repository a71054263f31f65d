package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.exoquic.configurer.e2e.EndToEnd.migrate;
import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status --format openmetrics} read back by a real parser of the format (prometheus_client, Debian's
 * python3-prometheus-client, which .ci/run installs), its values checked against exoquic.status.
 */
@ExtendWith(PostgresExtension.class)
class StatusOpenMetricsTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String DB = "shop";

    @Test
    void theParserReadsTheFiguresOfExoquicStatus(PostgresServer server) throws Exception {
        requireParser();
        server.createDatabase(DB);
        walLevelLogical(server);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY)", "CREATE TABLE public.events (at timestamptz)");
        Map<String, String> env = Cli.env(server, DB);
        migrate(env);
        // Figures that are not all zero: WAL the idle slot retains, and a table whose owner chose no identity.
        catalog.execute("INSERT INTO public.orders SELECT g FROM generate_series(1, 5000) g",
                "ALTER TABLE public.events REPLICA IDENTITY NOTHING");

        long retainedBefore = Long.parseLong(catalog.value("SELECT retained_wal_bytes FROM exoquic.status"));
        Cli.Result status = Cli.run(env, "status", "--format", "openmetrics");
        long retainedAfter = Long.parseLong(catalog.value("SELECT retained_wal_bytes FROM exoquic.status"));
        assertThat(status.exit()).as(status.toString()).isEqualTo(4); // the table without identity is a problem
        assertThat(status.out()).endsWith("# EOF\n");

        Map<String, Double> samples = parse(status.out());
        assertThat(samples.get("exoquic_healthy{database=shop}")).isEqualTo(0.0);
        assertThat(samples.get("exoquic_slot_exists{database=shop,slot=exoquic_replication_slot}")).isEqualTo(1.0);
        assertThat(samples.get("exoquic_slot_active{database=shop,slot=exoquic_replication_slot}"))
                .isEqualTo(catalog.value("SELECT active::int FROM exoquic.status").equals("1") ? 1.0 : 0.0);
        assertThat(samples.get("exoquic_slot_retained_wal_bytes{database=shop,slot=exoquic_replication_slot}"))
                .isBetween((double) retainedBefore, (double) retainedAfter).isGreaterThan(0.0);
        assertThat(samples.get("exoquic_slot_lag_bytes{database=shop,slot=exoquic_replication_slot}")).isNotNull();
        String walStatus = catalog.value("SELECT wal_status FROM exoquic.status");
        assertThat(samples.get("exoquic_slot_wal_status{database=shop,slot=exoquic_replication_slot,wal_status="
                + walStatus + "}")).isEqualTo(1.0);
        assertThat(samples.get("exoquic_slot_wal_status{database=shop,slot=exoquic_replication_slot,wal_status=lost}"))
                .isEqualTo(0.0);
        // No consumer has connected: PostgreSQL 17+ says since when. Without a cap there is no safe size to report.
        Double inactive = samples.get("exoquic_slot_inactive_seconds{database=shop,slot=exoquic_replication_slot}");
        if (server.majorVersion() >= 17) {
            assertThat(inactive).isNotNull().isBetween(0.0, 600.0);
        } else {
            assertThat(inactive).isNull();
        }
        assertThat(samples.keySet()).noneMatch(key -> key.startsWith("exoquic_slot_safe_wal_size_bytes"));
        assertThat(samples.keySet()).noneMatch(key -> key.startsWith("exoquic_slot_invalidation_reason"));
        assertThat(samples.get("exoquic_publication_tables{database=shop,publication=exoquic_publication}"))
                .isEqualTo(Double.parseDouble(catalog.value("SELECT publication_tables FROM exoquic.status")));
        assertThat(samples.get(
                "exoquic_publication_tables_without_replica_identity{database=shop,publication=exoquic_publication}"))
                .isEqualTo(1.0);
    }

    /** Samples keyed {@code name{label=value,...}}, labels sorted; the parsers' own checks run first. */
    static Map<String, Double> parse(String text) throws IOException, InterruptedException {
        Path script = Files.createTempFile("parse", ".py");
        try (InputStream in = StatusOpenMetricsTest.class.getResourceAsStream("/openmetrics/parse.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process python = new ProcessBuilder(PYTHON.toString(), script.toString()).redirectErrorStream(true).start();
        try (OutputStream stdin = python.getOutputStream()) {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.delete(script);
        assertThat(python.exitValue()).as("parser said:\n" + output + "\nabout:\n" + text).isZero();
        Map<String, Double> samples = new HashMap<>();
        for (JsonNode sample : new ObjectMapper().readTree(output)) {
            StringBuilder key = new StringBuilder(sample.get("name").asText()).append('{');
            java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();
            sample.get("labels").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
            labels.forEach((name, value) -> key.append(name).append('=').append(value).append(','));
            if (!labels.isEmpty()) {
                key.setLength(key.length() - 1);
            }
            samples.put(key.append('}').toString(), sample.get("value").asDouble());
        }
        return samples;
    }

    /** In CI the parser must be there (.ci/run installs it); on a developer's machine without it the test is skipped. */
    static void requireParser() throws IOException, InterruptedException {
        Assumptions.assumeTrue(parserPresent(), "no OpenMetrics parser: apt-get install python3-prometheus-client");
    }

    /** Whether the parser is here; in CI it must be. */
    static boolean parserPresent() throws IOException, InterruptedException {
        boolean present = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import prometheus_client").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("CI installs python3-prometheus-client (see .ci/run)").isTrue();
        }
        return present;
    }
}
