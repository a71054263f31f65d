package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import com.exoquic.configurer.testing.PgOutput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole flow on every supported major version, one server each. */
class VersionMatrixTest {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {12, 13, 14, 15, 16, 17, 18})
    void migrateThroughTheRestartConsumeChangeTheListNoOpStatusAndTeardown(int major) throws Exception {
        try (PostgresServer server = PostgresServers.start(major, List.of(WAL_LEVEL_REPLICA))) {
            server.createDatabase("shop");
            Catalog catalog = new Catalog(server, "shop");
            catalog.execute("CREATE SCHEMA audit",
                    "CREATE TABLE audit.log (at timestamptz, line text)",
                    "CREATE TABLE public.orders (id int PRIMARY KEY)",
                    "CREATE TABLE public.ignored (id int)");
            Map<String, String> env = Cli.env(server, "shop");
            env.put("TABLES_TO_CAPTURE", "orders,audit.*");

            assertThat(Cli.run(env, "migrate").exit()).isEqualTo(3);
            server.restart();
            Cli.Result configured = Cli.run(env, "migrate");
            assertThat(configured.exit()).as(configured.toString()).isZero();
            if (major < 15) {
                assertThat(configured.out()).contains("\"audit\".* was expanded to its 1 current table(s)");
            } else {
                assertThat(configured.out()).doesNotContain("expanded");
            }
            assertThat(catalog.column("SELECT schemaname || '.' || tablename FROM pg_publication_tables ORDER BY 1"))
                    .containsExactly("audit.log", "public.orders");
            assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'log'")).isEqualTo("f");
            assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'ignored'")).isEqualTo("d");

            catalog.execute("INSERT INTO public.orders VALUES (1)", "UPDATE public.orders SET id = 2",
                    "INSERT INTO public.ignored VALUES (1)",
                    "INSERT INTO audit.log VALUES (NULL, 'old-line')", "DELETE FROM audit.log",
                    "INSERT INTO public.orders VALUES (99)");
            try (PgOutput stream = PgOutput.start(server, "shop", "exoquic_replication", Cli.REPLICATION_PASSWORD,
                    "exoquic_replication_slot", "exoquic_publication")) {
                List<PgOutput.Change> changes = stream.readUntil(
                        change -> change.newRow() != null && change.newRow().contains("99"), Duration.ofSeconds(30));
                assertThat(changes).map(PgOutput.Change::toString).as("public.ignored is not captured").containsExactly(
                        "I public.orders N[1]", "U public.orders K[1] N[2]", "I audit.log N[null, old-line]",
                        "D audit.log O[null, old-line]", "I public.orders N[99]");
            }

            String publication = catalog.value("SELECT oid FROM pg_publication");
            env.put("TABLES_TO_CAPTURE", "orders");
            assertThat(Cli.run(env, "migrate").exit()).isZero();
            assertThat(catalog.value("SELECT oid FROM pg_publication")).as("altered in place").isEqualTo(publication);
            assertThat(catalog.column("SELECT schemaname || '.' || tablename FROM pg_publication_tables"))
                    .containsExactly("public.orders");

            Cli.Result noOp = Cli.run(env, "migrate", "--dry-run");
            assertThat(noOp.out()).as(noOp.toString()).contains("Up to date");
            Cli.Result status = Cli.run(env, "status");
            assertThat(status.exit()).as(status.toString()).isZero();
            assertThat(status.out()).contains(major >= 13 ? "wal_status:    reserved" : "wal_status:    n/a");

            assertThat(Cli.run(env, "teardown", "--yes").exit()).isZero();
            assertThat(catalog.column("SELECT slot_name FROM pg_replication_slots")).isEmpty();
        }
    }
}
