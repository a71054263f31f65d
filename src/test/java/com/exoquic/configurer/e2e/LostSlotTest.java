package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PgOutput;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.exoquic.configurer.e2e.EndToEnd.PUBLICATION;
import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static com.exoquic.configurer.e2e.EndToEnd.SLOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: a slot PostgreSQL invalidated is never "in place". The slot is made lost as an operator would see it
 * happen (a small max_slot_wal_keep_size, set through the tool, and WAL written past it); migrate, validate and the
 * dry-run refuse it, naming it and its reason; with --recreate-lost-slot migrate recreates it, the report says the
 * consumer must resynchronise, and a consumer streams from the new slot. On 18 the idle timeout, set through the tool,
 * invalidates the idle slot the same way. One server per version.
 */
class LostSlotTest {
    private static final String DB = "shop";
    private static final Path ALERT_RULES = Path.of("examples/prometheus/exoquic-alerts.yml");

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 16, 17, 18})
    void aLostSlotIsRefusedUntilRecreatedAndThenServesAConsumer(int major) throws Exception {
        try (PostgresServer server = PostgresServers.start(major, List.of("wal_level = logical",
                "max_wal_size = '32MB'", "min_wal_size = '32MB'"))) {
            server.createDatabase(DB);
            Catalog catalog = new Catalog(server, DB);
            catalog.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY, note text)",
                    "CREATE TABLE public.filler (id bigserial PRIMARY KEY, pad text)");
            Map<String, String> env = Cli.env(server, DB);
            env.put("EXOQUIC_MAX_SLOT_WAL_KEEP_SIZE", "1MB");

            Cli.Result first = Cli.run(env, "migrate");
            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(first.out()).contains("[done]", "WAL guards", "max_slot_wal_keep_size: -1 (off) -> 1MB");
            assertThat(catalog.value("SHOW max_slot_wal_keep_size")).isEqualTo("1MB");
            Set<String> metrics = metricNames(Cli.run(env, "status", "--format", "openmetrics").out());

            writeWalPastTheCap(catalog);
            assertThat(catalog.value("SELECT wal_status FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'"))
                    .isEqualTo("lost");

            assertRefusedAsLost(env, "wal_removed");
            Cli.Result info = Cli.run(env, "info");
            assertThat(info.out()).as(info.toString())
                    .contains("wal_status lost", "invalidated (wal_removed", "cannot serve");
            Cli.Result status = Cli.run(env, "status", "--format", "openmetrics");
            assertThat(status.exit()).isEqualTo(4);
            metrics.addAll(metricNames(status.out()));
            if (major >= 17) {
                assertThat(status.out()).contains("exoquic_slot_invalidation_reason{database=\"shop\","
                        + "reason=\"wal_removed\",slot=\"" + SLOT + "\"} 1.0");
                if (StatusOpenMetricsTest.parserPresent()) { // a real parser of the format reads the new gauge
                    assertThat(StatusOpenMetricsTest.parse(status.out()).get("exoquic_slot_invalidation_reason"
                            + "{database=shop,reason=wal_removed,slot=" + SLOT + "}")).isEqualTo(1.0);
                }
                // Every metric the example alerting rules name is one status writes (the rules use them all from 17).
                assertThat(metrics).containsAll(ruleMetrics());
            }

            // Text on odd versions, JSON on even ones: both print the same report.
            boolean json = major % 2 == 0;
            Cli.Result recreated = json ? Cli.run(env, "migrate", "--recreate-lost-slot", "--json")
                    : Cli.run(env, "migrate", "--recreate-lost-slot");
            assertThat(recreated.exit()).as(recreated.toString()).isZero();
            if (json) {
                JsonNode report = new ObjectMapper().readTree(recreated.out());
                assertThat(report.get("warnings").toString()).contains("THE CONSUMER MUST RESYNCHRONISE", SLOT);
                assertThat(report.get("steps").toString()).contains("recreated", "wal_removed");
            } else {
                assertThat(recreated.out()).containsPattern("\\[done\\] +replication slot: '" + SLOT
                        + "' \\(pgoutput\\) recreated").contains("WARNING: THE CONSUMER MUST RESYNCHRONISE");
            }
            assertThat(catalog.value("SELECT wal_status FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'"))
                    .isIn("reserved", "extended");
            assertThat(Cli.run(env, "validate").exit()).isZero();

            try (PgOutput consumer = PgOutput.start(server, DB, ROLE, Cli.REPLICATION_PASSWORD, SLOT, PUBLICATION)) {
                catalog.execute("INSERT INTO public.orders VALUES (1, 'after the recreation')");
                assertThat(consumer.readUntil(change -> change.kind() == 'I', Duration.ofSeconds(30)))
                        .last().hasToString("I public.orders N[1, after the recreation]");
                if (major >= 18) {
                    // Set while the consumer streams: preflight refuses a timeout that an idle slot already exceeds.
                    Cli.Result timeout = Cli.run(env, "migrate", "--idle-slot-timeout", "1s");
                    assertThat(timeout.exit()).as(timeout.toString()).isZero();
                    assertThat(timeout.out()).contains("idle_replication_slot_timeout: 0 (off) -> 1s");
                }
            }
            if (major >= 18) {
                invalidateIdleSlot(catalog);
                assertRefusedAsLost(env, "idle_timeout");
                Cli.Result idle = Cli.run(env, "status", "--format", "openmetrics");
                assertThat(idle.out()).contains("reason=\"idle_timeout\"");
            } else {
                Cli.Result again = Cli.run(env, "migrate");
                assertThat(again.exit()).as(again.toString()).isZero();
                assertThat(again.out()).contains("Up to date", "[already in place] replication slot");
            }
        }
    }

    /** FACTS.md, "A lost slot, reproducibly": twice 100,000 rows of 500 bytes, a checkpoint and a WAL switch. */
    private static void writeWalPastTheCap(Catalog catalog) {
        for (int round = 0; round < 2; round++) {
            catalog.execute("INSERT INTO public.filler (pad) SELECT repeat('x', 500) FROM generate_series(1, 100000)",
                    "CHECKPOINT", "SELECT pg_switch_wal()");
        }
        catalog.execute("CHECKPOINT");
    }

    /** The timeout is checked at checkpoints: wait past it, then ask for one until the slot is invalidated. */
    private static void invalidateIdleSlot(Catalog catalog) throws InterruptedException {
        String reason = null;
        for (int attempt = 0; attempt < 20 && reason == null; attempt++) {
            Thread.sleep(500);
            catalog.execute("CHECKPOINT");
            reason = catalog.value("SELECT invalidation_reason FROM pg_replication_slots WHERE slot_name = '"
                    + SLOT + "'");
        }
        assertThat(reason).isEqualTo("idle_timeout");
    }

    /** migrate and validate refuse the slot, naming it, the reason and what the consumer lost; nothing is "in place". */
    private static void assertRefusedAsLost(Map<String, String> env, String reason) {
        Cli.Result migrate = Cli.run(env, "migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isEqualTo(2);
        assertThat(migrate.err()).contains("slot '" + SLOT + "' can no longer serve", reason,
                "are gone for its consumer", "--recreate-lost-slot");
        assertThat(migrate.out() + migrate.err()).doesNotContain("in place", "Up to date");
        Cli.Result validate = Cli.run(env, "validate");
        assertThat(validate.exit()).as(validate.toString()).isEqualTo(2);
        assertThat(validate.out()).contains("slot '" + SLOT + "' can no longer serve", reason)
                .doesNotContain("Valid:");
        Cli.Result dryRun = Cli.run(env, "migrate", "--dry-run");
        assertThat(dryRun.exit()).as(dryRun.toString()).isEqualTo(2);
        assertThat(dryRun.out() + dryRun.err()).contains("can no longer serve").doesNotContain("in place", "Up to date");
    }

    /** The metric names of an OpenMetrics text. */
    private static Set<String> metricNames(String openMetrics) {
        Set<String> names = new TreeSet<>();
        openMetrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    /** Every exoquic_ metric the example alerting rules name. */
    private static Set<String> ruleMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher metric = Pattern.compile("\\bexoquic_[a-z_]+").matcher(Files.readString(ALERT_RULES));
        while (metric.find()) {
            names.add(metric.group());
        }
        assertThat(names).as("the rules name the gauges").contains("exoquic_slot_invalidation_reason");
        return names;
    }
}
