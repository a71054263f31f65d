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
        server.execute("postgres", "ALTER SYSTEM SET wal_level = logical");
        server.restart();
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
            blocked = Cli.run(env, "migrate");
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
}
