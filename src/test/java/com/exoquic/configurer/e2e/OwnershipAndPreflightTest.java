package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import com.exoquic.configurer.testing.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Touch only what is ours, refuse what cannot be finished: each input a catalog read can refuse is refused before
 * any change (exit 2, the object named, the catalog unchanged), validate says so too, and migrate never ends with
 * exit 1 or with exit 0 on a database the application can no longer write. Objects of the configured names that
 * this tool did not create are neither taken over nor removed.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig("wal_level = logical")
class OwnershipAndPreflightTest {

    @Test
    void capturedTablesWithIdentityNothingAreRefusedWithTheFix(PostgresServer server) {
        Catalog catalog = shop(server, "CREATE TABLE public.ri_nothing (v text)",
                "ALTER TABLE public.ri_nothing REPLICA IDENTITY NOTHING",
                "CREATE TABLE public.pk_nothing (id int PRIMARY KEY)",
                "ALTER TABLE public.pk_nothing REPLICA IDENTITY NOTHING");
        Cli.Result result = refused(server, catalog, env -> { });
        assertThat(result.err()).contains("\"public\".\"pk_nothing\", \"public\".\"ri_nothing\"",
                "REPLICA IDENTITY NOTHING", "UPDATE and DELETE");
        JsonNode validate = json(Cli.run(Cli.env(server, "shop"), "validate", "--json").out());
        assertThat(validate.get("valid").asBoolean()).isFalse();
        JsonNode finding = validate.get("findings").get(0);
        assertThat(finding.get("code").asText()).isEqualTo("identity-nothing");
        assertThat(finding.get("object").asText()).isEqualTo("\"public\".\"pk_nothing\", \"public\".\"ri_nothing\"");
    }

    @Test
    void aFindingCarriesTheSqlASuperuserWouldRun(PostgresServer server) {
        Catalog catalog = shop(server, "CREATE PUBLICATION exoquic_publication FOR TABLE public.orders"
                + " WITH (publish = 'insert')", "COMMENT ON PUBLICATION exoquic_publication IS"
                + " 'Managed by exoquic-postgres-configurer'");
        refused(server, catalog, env -> env.put("TABLES_TO_CAPTURE", "orders"));
        JsonNode finding = json(Cli.run(Cli.env(server, "shop"), "validate", "--json").out()).get("findings").get(0);
        assertThat(finding.get("code").asText()).isEqualTo("publication-operations");
        assertThat(finding.get("fixSql").asText()).isEqualTo("ALTER PUBLICATION \"exoquic_publication\""
                + " SET (publish = 'insert, update, delete, truncate')");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void systemUnloggedAndTemporaryTablesInTheListAreRefused(PostgresServer server) {
        Catalog catalog = shop(server, "CREATE UNLOGGED TABLE public.ul (id int PRIMARY KEY)");
        Cli.Result result = refused(server, catalog, env -> env.put("TABLES_TO_CAPTURE",
                "information_schema.sql_features, orders, ul, pg_catalog.pg_class, pg_catalog.pg_depend"));
        assertThat(result.err()).contains("\"information_schema\".\"sql_features\"", "\"pg_catalog\".\"pg_class\"",
                "\"pg_catalog\".\"pg_depend\"", "\"public\".\"ul\", which is an unlogged table");
    }

    @Test
    void unloggedTablesAreNotCapturedWithAllTables(PostgresServer server) {
        Catalog catalog = shop(server, "CREATE UNLOGGED TABLE public.ul (v text)");
        Cli.Result result = Cli.run(Cli.env(server, "shop"), "migrate");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).doesNotContain("\"ul\"");
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'ul'")).isEqualTo("d");
    }

    @Test
    void grantsGoToCapturedTablesOnlyNeverViewsOrUnloggedTables(PostgresServer server) {
        Catalog catalog = shop(server, "CREATE VIEW public.order_view AS SELECT * FROM public.orders",
                "CREATE MATERIALIZED VIEW public.order_totals AS SELECT count(*) FROM public.orders",
                "CREATE UNLOGGED TABLE public.ul (id int PRIMARY KEY)",
                "CREATE SCHEMA sales", "CREATE TABLE sales.invoices (id int PRIMARY KEY)",
                "CREATE VIEW sales.invoice_view AS SELECT * FROM sales.invoices");
        Map<String, String> env = Cli.env(server, "shop");
        for (String tables : List.of("", "sales.*, orders")) {
            env.put("TABLES_TO_CAPTURE", tables);
            Cli.Result result = Cli.run(env, "migrate");
            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(catalog.column("SELECT c.oid::regclass::text FROM pg_class c"
                    + " WHERE has_table_privilege('exoquic_replication', c.oid, 'SELECT')"
                    + " AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)"
                    + " ORDER BY 1"))
                    .as("readable with TABLES_TO_CAPTURE='" + tables + "'")
                    .containsExactlyElementsOf(tables.isEmpty() ? List.of("events", "orders", "sales.invoices")
                            : List.of("orders", "sales.invoices"));
        }
    }

    @Test
    @ServerConfig({"wal_level = logical", "max_wal_senders = 0"})
    void theRestartReasonNamesTheSettingThatNeedsIt(PostgresServer server) {
        shop(server);
        Cli.Result result = Cli.run(Cli.env(server, "shop"), "migrate");
        assertThat(result.exit()).as(result.toString()).isEqualTo(3);
        assertThat(result.out()).contains("RESTART NEEDED: restart the PostgreSQL server to apply max_wal_senders >= 1,")
                .doesNotContain("apply wal_level");
        server.restart();
        assertThat(Cli.run(Cli.env(server, "shop"), "migrate").exit()).isZero();
    }

    @Test
    @ServerConfig(WAL_LEVEL_REPLICA)
    void aPendingRestartDoesNotWriteTheSettingsAgain(PostgresServer server) {
        shop(server);
        Map<String, String> env = Cli.env(server, "shop");
        assertThat(Cli.run(env, "migrate").exit()).isEqualTo(3);
        Cli.Result preview = Cli.run(env, "migrate", "--dry-run");
        assertThat(preview.out()).doesNotContain("ALTER SYSTEM", "pg_reload_conf");
        Cli.Result again = Cli.run(env, "migrate");
        assertThat(again.exit()).isEqualTo(3);
        assertThat(again.out()).contains("already configured, waiting for a restart: wal_level: replica -> logical");
        server.restart();
        assertThat(Cli.run(env, "migrate").exit()).isZero();
    }

    @Test
    void anApplicationsRoleIsNotTakenOverUnlessAdopted(PostgresServer server) {
        Catalog catalog = shop(server, "CREATE ROLE app LOGIN PASSWORD 'app-pw'", "CREATE TABLE public.app_data (id int PRIMARY KEY)",
                "ALTER TABLE public.app_data OWNER TO app");
        Cli.Result result = refused(server, catalog, env -> env.put("EXOQUIC_REPLICATION_USER", "app"));
        assertThat(result.err()).contains("\"app\" already exists and owns objects", "--adopt");
        Map<String, String> env = Cli.env(server, "shop");
        env.put("EXOQUIC_REPLICATION_USER", "app");
        assertThat(Cli.run(env, "migrate", "--adopt").err()).contains("already exists with another password");
        assertThat(Cli.run(env, "migrate", "--adopt", "--rotate-replication-password").exit()).isZero();
    }

    @Test
    void someoneElsesPublicationIsNotRewritten(PostgresServer server) {
        Catalog catalog = shop(server, "CREATE TABLE public.other (id int PRIMARY KEY)",
                "CREATE TABLE public.logs (id int PRIMARY KEY)",
                "CREATE PUBLICATION exoquic_publication FOR TABLE public.orders, public.other");
        Cli.Result result = refused(server, catalog, env -> env.put("TABLES_TO_CAPTURE", "logs"));
        assertThat(result.err()).contains("publication \"exoquic_publication\" already exists", "public.orders",
                "--adopt");
        Map<String, String> env = Cli.env(server, "shop");
        env.put("TABLES_TO_CAPTURE", "orders, other");
        assertThat(Cli.run(env, "migrate").exit()).as("the same definition is simply used").isZero();
    }

    @Test
    void someoneElsesExoquicSchemaIsRefusedAndSurvivesTeardown(PostgresServer server) {
        Catalog catalog = shop(server, "CREATE SCHEMA exoquic", "CREATE TABLE exoquic.customer_data (id int PRIMARY KEY)",
                "INSERT INTO exoquic.customer_data VALUES (1), (2)");
        Cli.Result result = refused(server, catalog, env -> { });
        assertThat(result.err()).contains("schema exoquic already exists", "customer_data");

        Cli.Result teardown = Cli.run(Cli.env(server, "shop"), "teardown", "--yes");
        assertThat(teardown.exit()).as(teardown.toString()).isZero();
        assertThat(teardown.out()).contains("[left alone] exoquic schema");
        assertThat(catalog.value("SELECT count(*) FROM exoquic.customer_data")).isEqualTo("2");
    }

    @Test
    void anEmptyForeignExoquicSchemaIsUsedOnlyWhenAdopted(PostgresServer server) {
        Catalog catalog = shop(server, "CREATE ROLE other_owner", "CREATE SCHEMA exoquic AUTHORIZATION other_owner");
        Cli.Result result = refused(server, catalog, env -> { });
        assertThat(result.err()).contains("schema exoquic already exists, owned by other_owner", "--adopt");
        assertThat(Cli.run(Cli.env(server, "shop"), "migrate", "--adopt").exit()).isZero();
        assertThat(catalog.value("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'exoquic'"))
                .as("taken over").isEqualTo("postgres");
    }

    @Test
    void aReadOnlyDatabaseIsRefusedNamingTheSetting(PostgresServer server) {
        Catalog catalog = shop(server);
        server.execute("postgres", "ALTER DATABASE shop SET default_transaction_read_only = on");
        Cli.Result result = refused(server, catalog, env -> { });
        assertThat(result.err()).contains("default_transaction_read_only");
    }

    @Test
    void theDocumentedNonSuperuserPathFinishesOnPostgres15() throws Exception {
        try (PostgresServer server = PostgresServers.start(15, List.of("wal_level = logical"))) {
            server.execute("postgres", "CREATE ROLE db_admin LOGIN CREATEROLE PASSWORD 'db-admin-pw'",
                    "CREATE DATABASE shop OWNER db_admin",
                    "CREATE ROLE exoquic_replication WITH LOGIN REPLICATION");
            try (Connection admin = server.connect("shop", "db_admin", "db-admin-pw");
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE TABLE public.orders (id int PRIMARY KEY)");
                statement.execute("CREATE TABLE public.events (at timestamptz)");
            }
            server.execute("shop", "CREATE TABLE public.other_owned (v text)");
            Map<String, String> env = Cli.env(server, "shop");
            env.put("PGUSER", "db_admin");
            env.put("PGPASSWORD", "db-admin-pw");
            env.put("TABLES_TO_CAPTURE", "orders, events, other_owned");
            Catalog catalog = new Catalog(server, "shop");
            List<String> before = fingerprint(catalog);
            Cli.Result refusedRun = Cli.run(env, "migrate");
            assertThat(refusedRun.exit()).as(refusedRun.toString()).isEqualTo(2);
            assertThat(refusedRun.err()).contains("does not own captured table(s) \"public\".\"other_owned\"",
                    "may not create replication slots", "ALTER ROLE \"db_admin\" REPLICATION");
            assertThat(Cli.run(env, "validate").exit()).isEqualTo(2);
            assertThat(fingerprint(catalog)).isEqualTo(before);

            server.execute("postgres", "ALTER ROLE db_admin REPLICATION"); // as preflight asked
            env.put("TABLES_TO_CAPTURE", "orders, events");
            assertThat(Cli.run(env, "validate").exit()).isZero();
            for (int run = 0; run < 2; run++) {
                Cli.Result result = Cli.run(env, "migrate");
                assertThat(result.exit()).as(result.toString()).isZero();
                assertThat(result.out()).contains("LEFT TO A SUPERUSER");
            }
            assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'events'")).isEqualTo("f");
        }
    }

    private static Catalog shop(PostgresServer server, String... setup) {
        server.createDatabase("shop");
        Catalog catalog = new Catalog(server, "shop");
        catalog.execute("CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.events (at timestamptz)");
        if (setup.length > 0) {
            catalog.execute(setup);
        }
        return catalog;
    }

    /**
     * Runs validate and migrate: both refuse (exit 2), migrate changes nothing. The property behind it: validate's
     * exit 0 would have meant migrate succeeds, and a catalog read refuses what migrate could not finish.
     */
    private static Cli.Result refused(PostgresServer server, Catalog catalog, Consumer<Map<String, String>> change) {
        Map<String, String> env = Cli.env(server, "shop");
        change.accept(env);
        List<String> before = fingerprint(catalog);
        Cli.Result validate = Cli.run(env, "validate");
        assertThat(validate.exit()).as("validate: " + validate).isEqualTo(2);
        Cli.Result result = Cli.run(env, "migrate");
        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).doesNotContain("\tat ");
        assertThat(fingerprint(catalog)).as("nothing changed").isEqualTo(before);
        return result;
    }

    /** Roles (attributes, password, comment), schemas, publications and their tables, slots, identities and grants. */
    static List<String> fingerprint(Catalog catalog) {
        return List.of(
                String.join(",", catalog.column("SELECT rolname || rolcanlogin::text || rolreplication::text"
                        + " || coalesce(md5(rolpassword), '-') || coalesce(shobj_description(oid, 'pg_authid'), '-')"
                        + " FROM pg_authid ORDER BY 1")),
                String.join(",", catalog.column("SELECT nspname || coalesce(obj_description(oid, 'pg_namespace'), '-')"
                        + " || coalesce(nspacl::text, '-') FROM pg_namespace ORDER BY 1")),
                String.join(",", catalog.column("SELECT pubname || puballtables::text"
                        + " || coalesce(obj_description(oid, 'pg_publication'), '-') FROM pg_publication ORDER BY 1")),
                String.join(",", catalog.column("SELECT pubname || schemaname || tablename FROM pg_publication_tables ORDER BY 1")),
                String.join(",", catalog.column("SELECT slot_name FROM pg_replication_slots ORDER BY 1")),
                String.join(",", catalog.column("SELECT relname || relreplident::text || coalesce(relacl::text, '-')"
                        + " FROM pg_class WHERE relkind IN ('r', 'p', 'v') AND relnamespace <> 'pg_catalog'::regnamespace"
                        + " AND relnamespace <> 'information_schema'::regnamespace ORDER BY 1")),
                String.join(",", catalog.column("SELECT name || '=' || setting FROM pg_file_settings"
                        + " WHERE sourcefile LIKE '%auto.conf' ORDER BY 1")));
    }
}
