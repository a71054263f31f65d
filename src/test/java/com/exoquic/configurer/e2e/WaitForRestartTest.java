package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;

/** The Railway flow: migrate --wait-for-restart waits while the platform restarts the server, then finishes. */
@ExtendWith(PostgresExtension.class)
@ServerConfig(WAL_LEVEL_REPLICA)
class WaitForRestartTest {

    @Test
    void waitsForTheRestartThenCreatesTheSlotAndExitsZero(PostgresServer server) throws Exception {
        server.createDatabase("shop");
        Catalog catalog = new Catalog(server, "shop");
        catalog.execute("CREATE TABLE public.events (at timestamptz)");
        Map<String, String> env = Cli.env(server, "shop");

        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run(env, "migrate", "--wait-for-restart=60s"));
        awaitStatusView(catalog, run);
        assertThat(run).as("still waiting for the restart").isNotDone();
        server.restart();
        Cli.Result result = run.get(60, TimeUnit.SECONDS);

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).contains("Waiting up to 1 min", "has restarted");
        assertThat(result.out()).contains("[done]             replication slot").doesNotContain("RESTART NEEDED");
        assertThat(catalog.value("SELECT plugin FROM pg_replication_slots")).isEqualTo("pgoutput");
    }

    @Test
    void givesUpAfterTheLimitWithExitThree(PostgresServer server) {
        server.createDatabase("shop");
        Cli.Result result = Cli.run(Cli.env(server, "shop"), "migrate", "--wait-for-restart=3s");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("Gave up waiting after 3 s");
        assertThat(result.out()).contains("RESTART NEEDED");
    }

    @Test
    @ServerConfig("max_replication_slots = 5")
    void aSlotCreationThatFailsAfterTheRestartEndsTheWaitWithExitOneAndTheReason(PostgresServer server) throws Exception {
        server.createDatabase("shop");
        Catalog catalog = new Catalog(server, "shop");
        Map<String, String> env = Cli.env(server, "shop");

        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> Cli.run(env, "migrate", "--wait-for-restart=60s"));
        awaitStatusView(catalog, run);
        // Taken while the run waits (preflight refuses a server already full before any change: SlotSafetyTest).
        for (int i = 0; i < 5; i++) {
            catalog.execute("SELECT pg_create_physical_replication_slot('other_" + i + "')");
        }
        server.restart();
        Cli.Result result = run.get(60, TimeUnit.SECONDS);

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("SQLSTATE 53400", "all replication slots are in use")
                .doesNotContain("Gave up waiting");
        assertThat(catalog.column("SELECT slot_name FROM pg_replication_slots WHERE slot_type = 'logical'")).isEmpty();
    }

    // The migrations are done (the status view exists) once the run has started waiting.
    private static void awaitStatusView(Catalog catalog, CompletableFuture<Cli.Result> run) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline) && !run.isDone()) {
            if ("1".equals(catalog.value("SELECT count(*) FROM pg_views WHERE schemaname = 'exoquic' AND viewname = 'status'"))) {
                Thread.sleep(500);
                return;
            }
            Thread.sleep(100);
        }
    }
}
