package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class LockSafetyTest {

    @Test
    void migrateDoesNotQueueBehindALongTransactionNamesItAndARerunSucceedsAfterwards(PostgresServer server) throws Exception {
        EndToEnd.walLevelLogical(server);
        server.createDatabase("shop");
        Catalog catalog = new Catalog(server, "shop");
        catalog.execute("CREATE TABLE public.events (at timestamptz, payload text)");
        Map<String, String> env = Cli.env(server, "shop");
        env.put("EXOQUIC_LOCK_TIMEOUT", "1");

        int blockerPid;
        Cli.Result blocked;
        long start = System.nanoTime();
        try (Connection blocker = server.connect("shop"); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("SET application_name = 'long-report'");
            try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid(), count(*) FROM public.events")) {
                rs.next();
                blockerPid = rs.getInt(1);
            }
            java.util.concurrent.CompletableFuture<Cli.Result> run =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> Cli.run(env, "migrate"));
            // While migrate waits for its lock, the application's reads queue behind it at most lock_timeout.
            Thread.sleep(1500);
            long readStart = System.nanoTime();
            try (Connection reader = server.connect("shop"); Statement read = reader.createStatement()) {
                read.execute("SET statement_timeout = '10s'");
                read.executeQuery("SELECT count(*) FROM public.events").close();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - readStart)).as("a third session's read")
                    .isLessThan(Duration.ofMillis(2500));
            blocked = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            blocker.rollback();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(blocked.exit()).as(blocked.toString()).isEqualTo(1);
        assertThat(blocked.err()).contains("Could not get a lock", "replica identity", "pid " + blockerPid, "long-report",
                "public.events", "run migrate again");
        assertThat(took).as("bounded by lock_timeout and a few retries").isLessThan(Duration.ofSeconds(20));
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'events'")).isEqualTo("d");
        assertThat(catalog.value("SELECT count(*) FROM exoquic.flyway_schema_history WHERE NOT success")).isEqualTo("0");

        Cli.Result rerun = Cli.run(env, "migrate");
        assertThat(rerun.exit()).as(rerun.toString()).isZero();
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'events'")).isEqualTo("f");
        assertThat(catalog.value("SELECT count(*) FROM pg_replication_slots")).isEqualTo("1");
    }

    @Test
    void slotCreationWaitsAtMostTheSlotTimeoutAndNamesTheOpenTransaction(PostgresServer server) throws Exception {
        EndToEnd.walLevelLogical(server);
        server.createDatabase("shop");
        new Catalog(server, "shop").execute("CREATE TABLE public.orders (id int PRIMARY KEY)");
        Map<String, String> env = Cli.env(server, "shop");
        env.put("EXOQUIC_SLOT_TIMEOUT", "1");

        Cli.Result waited;
        int writerPid;
        try (Connection writer = server.connect("shop"); Statement statement = writer.createStatement()) {
            writer.setAutoCommit(false);
            statement.execute("SET application_name = 'open-writer'");
            statement.execute("INSERT INTO public.orders VALUES (1)");
            try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                writerPid = rs.getInt(1);
            }
            waited = Cli.run(env, "migrate");
            writer.rollback();
        }

        assertThat(waited.exit()).as(waited.toString()).isEqualTo(1);
        assertThat(waited.err()).contains("waited 1 s for running transactions", "nothing was created",
                "pid " + writerPid, "open-writer", "--slot-timeout");
        Catalog catalog = new Catalog(server, "shop");
        assertThat(catalog.column("SELECT slot_name FROM pg_replication_slots")).isEmpty();
        assertThat(Cli.run(env, "migrate").exit()).isZero();
        assertThat(catalog.column("SELECT slot_name FROM pg_replication_slots")).containsExactly("exoquic_replication_slot");
    }
}
