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

import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@ServerConfig("log_statement = 'all'")
class MigrateEndToEndTest {
    static final String DB = "shop";

    static Catalog shop(PostgresServer server) {
        server.createDatabase(DB);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute(
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric)",
                "CREATE TABLE public.events (at timestamptz, payload text)",
                "CREATE SCHEMA \"Sales\"",
                "CREATE TABLE \"Sales\".\"Order Items\" (order_id bigint NOT NULL, sku text NOT NULL, qty int)",
                "CREATE UNIQUE INDEX order_items_key ON \"Sales\".\"Order Items\" (order_id, sku)",
                "CREATE TABLE \"Sales\".customers (id int PRIMARY KEY, name text)");
        return catalog;
    }

    @Test
    @ServerConfig(WAL_LEVEL_REPLICA)
    void configuresAFreshServerThroughTheRestartAndASecondRunDoesNothing(PostgresServer server) throws Exception {
        Catalog catalog = shop(server);
        Map<String, String> env = Cli.env(server, DB);

        Cli.Result first = Cli.run(env, "migrate");
        assertThat(first.exit()).as(first.toString()).isEqualTo(3);
        assertThat(first.out()).contains("RESTART NEEDED").contains("wal_level: replica -> logical");
        assertThat(catalog.value("SELECT pending_restart::text FROM pg_settings WHERE name = 'wal_level'")).isEqualTo("true");
        assertThat(catalog.column("SELECT slot_name FROM pg_replication_slots")).isEmpty();

        server.restart();
        Cli.Result second = Cli.run(env, "migrate");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).contains("[done]").contains("replication slot");
        // Progress on stderr only for a step that ran a second or more: a short one's line would repeat the report.
        for (Cli.Result run : List.of(first, second)) {
            assertThat(run.err().lines().toList()).as(run.err())
                    .noneMatch(line -> line.matches(".+: [a-z ]+ \\(0\\.\\d s\\)"));
        }

        assertThat(catalog.value("SHOW wal_level")).isEqualTo("logical");
        assertThat(Integer.parseInt(catalog.value("SHOW max_replication_slots"))).isGreaterThanOrEqualTo(5);
        assertThat(catalog.value("SELECT plugin || ':' || database || ':' || slot_type FROM pg_replication_slots"
                + " WHERE slot_name = 'exoquic_replication_slot'")).isEqualTo("pgoutput:shop:logical");
        assertThat(catalog.value("SELECT concat_ws(',', rolcanlogin, rolreplication, rolsuper, rolcreatedb, rolcreaterole,"
                + " rolbypassrls) FROM pg_roles WHERE rolname = 'exoquic_replication'"))
                .isEqualTo("t,t,f,f,f,f");
        assertThat(catalog.value("SELECT puballtables::text FROM pg_publication WHERE pubname = 'exoquic_publication'"))
                .isEqualTo("true");
        assertThat(catalog.column("SELECT c.relname || '=' || c.relreplident::text FROM pg_class c"
                + " WHERE c.relname IN ('events', 'Order Items', 'orders', 'customers') ORDER BY 1"))
                .containsExactly("Order Items=f", "customers=d", "events=f", "orders=d");
        assertThat(catalog.value("SELECT has_table_privilege('exoquic_replication', '\"Sales\".\"Order Items\"', 'SELECT')::text"))
                .isEqualTo("true");
        assertThat(catalog.value("SELECT count(*) FROM exoquic.status WHERE slot_name = 'exoquic_replication_slot'"
                + " AND active = false AND publication_tables = 4 AND tables_without_replica_identity = 0"))
                .as("the 4 tables; the tool's unlogged history is not published").isEqualTo("1");
        assertThat(second.out()).contains("\"Sales\".\"Order Items\"").contains("REPLICA IDENTITY USING INDEX");

        String historyRows = catalog.value("SELECT count(*) FROM exoquic.flyway_schema_history");
        int logLinesBefore = server.logLines().size();
        Cli.Result third = Cli.run(env, "migrate");
        assertThat(third.exit()).as(third.toString()).isZero();
        assertThat(third.out()).contains("Up to date").doesNotContain("[done]");
        assertThat(third.err()).as("a run with nothing to do reports no step").doesNotContain(": done (");
        assertThat(catalog.value("SELECT count(*) FROM exoquic.flyway_schema_history")).isEqualTo(historyRows);
        List<String> sentByNoOp = server.logLines().subList(logLinesBefore, server.logLines().size()).stream()
                .filter(line -> line.contains("app=exoquic-configurer") && line.contains("statement:"))
                .toList();
        assertThat(sentByNoOp).noneMatch(line -> line.matches("(?i).*statement: (ALTER|CREATE|DROP|GRANT|REVOKE|COMMENT|DO) .*"));

        assertThat(String.join("\n", server.logLines())).doesNotContain(Cli.REPLICATION_PASSWORD).doesNotContain("ünï-42");
        try (var connection = server.connect(DB, "exoquic_replication", Cli.REPLICATION_PASSWORD)) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    @Test
    void jsonOutputHoldsTheConnectionDetailsAndNoPassword(PostgresServer server) throws Exception {
        shop(server);
        EndToEnd.walLevelLogical(server);
        Map<String, String> env = Cli.env(server, DB);
        env.put("EXOQUIC_PUBLIC_HOST", "db.example.com");

        Cli.Result result = Cli.run(env, "migrate", "--json");

        assertThat(result.exit()).as(result.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("status").asText()).isEqualTo("configured");
        JsonNode connection = json.get("connection");
        assertThat(connection.get("host").asText()).isEqualTo("db.example.com");
        assertThat(connection.get("port").asInt()).isEqualTo(server.port());
        assertThat(connection.get("database").asText()).isEqualTo(DB);
        assertThat(connection.get("user").asText()).isEqualTo("exoquic_replication");
        assertThat(connection.get("slot").asText()).isEqualTo("exoquic_replication_slot");
        assertThat(connection.get("publication").asText()).isEqualTo("exoquic_publication");
        assertThat(result.out() + result.err()).doesNotContain(Cli.REPLICATION_PASSWORD);
    }
}
