package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class VerbsEndToEndTest {
    static final String DB = "shop";

    /** Everything migrate could change, as text, to compare before and after. */
    static List<String> catalogState(Catalog catalog) {
        return List.of(
                String.join(",", catalog.column("SELECT rolname || rolreplication::text FROM pg_roles ORDER BY 1")),
                String.join(",", catalog.column("SELECT pubname || puballtables::text FROM pg_publication ORDER BY 1")),
                String.join(",", catalog.column("SELECT pubname || tablename FROM pg_publication_tables ORDER BY 1")),
                String.join(",", catalog.column("SELECT slot_name FROM pg_replication_slots ORDER BY 1")),
                String.join(",", catalog.column("SELECT relname || relreplident::text FROM pg_class WHERE relkind = 'r' ORDER BY 1")),
                String.join(",", catalog.column("SELECT nspname FROM pg_namespace ORDER BY 1")),
                String.join(",", catalog.column("SELECT name || '=' || setting FROM pg_file_settings"
                        + " WHERE sourcefile LIKE '%auto.conf' ORDER BY 1")),
                String.join(",", catalog.column("SELECT coalesce(relacl::text, '-') FROM pg_class WHERE relname = 'events'")));
    }

    static Catalog shop(PostgresServer server) {
        server.createDatabase(DB);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric)",
                "CREATE TABLE public.events (at timestamptz, payload text)");
        return catalog;
    }

    @Test
    @ServerConfig(WAL_LEVEL_REPLICA)
    void dryRunPrintsEveryStatementWithSecretsMaskedAndChangesNothing(PostgresServer server) {
        Catalog catalog = shop(server);
        Map<String, String> env = Cli.env(server, DB);
        List<String> before = catalogState(catalog);

        Cli.Result result = Cli.run(env, "migrate", "--dry-run");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("-- step: server settings", "ALTER SYSTEM SET wal_level = 'logical'", "pg_reload_conf()")
                .contains("-- step: migration R__1_replication_role.sql", "CREATE ROLE \"exoquic_replication\"")
                .contains("CREATE PUBLICATION \"exoquic_publication\" FOR ALL TABLES")
                .contains("REPLICA IDENTITY FULL")
                .contains("PASSWORD '********'")
                .contains("pg_create_logical_replication_slot('exoquic_replication_slot', 'pgoutput');")
                .doesNotContain(Cli.REPLICATION_PASSWORD);
        assertThat(catalogState(catalog)).isEqualTo(before);
    }

    @Test
    void statusReportsAnInactiveSlotHoldingWalAndTeardownThenMigrateRestoresIt(PostgresServer server) throws Exception {
        Catalog catalog = shop(server);
        EndToEnd.walLevelLogical(server);
        Map<String, String> env = Cli.env(server, DB);
        assertThat(Cli.run(env, "migrate").exit()).isZero();

        Cli.Result healthy = Cli.run(env, "status");
        assertThat(healthy.exit()).as(healthy.toString()).isZero();
        assertThat(healthy.out()).contains("inactive").contains("Healthy");

        catalog.execute("INSERT INTO public.events SELECT now(), repeat('x', 1000) FROM generate_series(1, 2000)");
        Cli.Result unhealthy = Cli.run(env, "status", "--max-retained-wal", "64kB", "--json");
        assertThat(unhealthy.exit()).as(unhealthy.toString()).isEqualTo(4);
        JsonNode json = new ObjectMapper().readTree(unhealthy.out());
        assertThat(json.get("slotActive").asBoolean()).isFalse();
        assertThat(json.get("retainedWalBytes").asLong()).isGreaterThan(64 * 1024);
        assertThat(json.get("walStatus").asText()).isEqualTo("reserved");
        assertThat(json.get("problems").toString()).contains("inactive slot retains");

        List<String> configured = catalogState(catalog);
        Cli.Result plan = Cli.run(env, "teardown");
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains("pg_drop_replication_slot", "DROP PUBLICATION", "DROP ROLE");
        assertThat(catalogState(catalog)).isEqualTo(configured);
        Cli.Result planJson = Cli.run(env, "teardown", "--json");
        assertThat(planJson.exit()).as(planJson.toString()).isZero();
        JsonNode planDocument = new ObjectMapper().readerFor(JsonNode.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(planJson.out());
        assertThat(planDocument.isArray()).as("stdout is the plan alone: " + planJson.out()).isTrue();
        assertThat(planDocument.toString()).contains("pg_drop_replication_slot");
        assertThat(planJson.out().strip()).startsWith("[");

        Cli.Result removed = Cli.run(env, "teardown", "--yes");
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(removed.out()).contains("releasing");
        assertThat(catalog.column("SELECT slot_name FROM pg_replication_slots")).isEmpty();
        assertThat(catalog.column("SELECT pubname FROM pg_publication")).isEmpty();
        assertThat(catalog.column("SELECT rolname FROM pg_roles WHERE rolname = 'exoquic_replication'")).isEmpty();
        assertThat(catalog.column("SELECT nspname FROM pg_namespace WHERE nspname = 'exoquic'")).isEmpty();
        assertThat(catalog.value("SELECT count(*) FROM public.events")).isEqualTo("2000");
        assertThat(Cli.run(env, "status").exit()).isEqualTo(4);

        Cli.Result again = Cli.run(env, "migrate");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(catalogState(catalog)).isEqualTo(configured);
    }

    @Test
    @ServerConfig(WAL_LEVEL_REPLICA)
    void infoShowsTheMigrationsAndExportWritesFlywayFiles(PostgresServer server, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        shop(server);
        Map<String, String> env = Cli.env(server, DB);
        Cli.Result pending = Cli.run(env, "info");
        assertThat(pending.exit()).as(pending.toString()).isZero();
        assertThat(pending.out()).contains("3 publication", "Pending", "wal_level", "slot:        missing");

        Cli.Result export = Cli.run(env, "export", "--dir", dir.toString());
        assertThat(export.exit()).as(export.toString()).isZero();
        assertThat(java.nio.file.Files.readString(dir.resolve("drop-in/R__exoquic_3_publication.sql")))
                .contains("CREATE PUBLICATION \"exoquic_publication\" FOR ALL TABLES");
        assertThat(dir.resolve("separate-history/R__exoquic_0_schema.sql")).exists();
        assertThat(java.nio.file.Files.readString(dir.resolve("README.md"))).contains("ALTER SYSTEM", "drop-in/");

        assertThat(Cli.run(env, "migrate").exit()).isEqualTo(3);
        assertThat(Cli.run(env, "info").out())
                .contains("wal_level               running replica, configured logical (pending: applies after a restart)");
        JsonNode info = new ObjectMapper().readTree(Cli.run(env, "info", "--json").out());
        assertThat(info.get("migrations").toString()).contains("\"state\":\"Success\"");
        assertThat(info.get("publication").asText()).isEqualTo("all tables");
    }

    @Test
    @ServerConfig(WAL_LEVEL_REPLICA)
    void validateListsEveryProblemAndCatchesATamperedHistory(PostgresServer server) {
        Catalog catalog = shop(server);
        Map<String, String> env = Cli.env(server, DB);
        Cli.Result valid = Cli.run(env, "validate");
        assertThat(valid.exit()).as(valid.toString()).isZero();
        assertThat(valid.out()).contains("Valid: migrate would succeed");

        env.put("TABLES_TO_CAPTURE", "orders,nope");
        Cli.Result missing = Cli.run(env, "validate");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out()).contains("\"public\".\"nope\"", "does not exist");
        env.remove("TABLES_TO_CAPTURE");

        assertThat(Cli.run(env, "migrate").exit()).isEqualTo(3);
        catalog.execute("UPDATE exoquic.flyway_schema_history SET checksum = 42 WHERE version = '1'");
        List<String> before = catalogState(catalog);
        Cli.Result tampered = Cli.run(env, "validate");
        assertThat(tampered.exit()).as(tampered.toString()).isEqualTo(2);
        assertThat(tampered.out()).contains("flyway_schema_history", "exoquic schema", "checksum");
        assertThat(catalogState(catalog)).isEqualTo(before);
    }
}
