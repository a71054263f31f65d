package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code app.*} where schema app holds no table captures nothing, not everything (issue 20, item 7): before
 * PostgreSQL 15 the entry becomes the schema's current tables, and none must not turn into FOR ALL TABLES (with
 * SELECT on {@code hr.salaries}). The publication holds no table, the replication role may read none, and the
 * report and the dry-run say so: from all tables, and from a list (changed in place, so a consumer keeps it).
 */
class EmptyCaptureTest {
    private static final String NOTE = "TABLES_TO_CAPTURE matches no table";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {12, 15})
    void aSchemaWithoutTablesPublishesNothingAndSaysSo(int major) {
        try (PostgresServer server = PostgresServers.start(major, List.of("wal_level = logical"))) {
            server.createDatabase("shop");
            Catalog catalog = new Catalog(server, "shop");
            catalog.execute("CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE SCHEMA hr",
                    "CREATE TABLE hr.salaries (employee text, cents bigint)", "CREATE SCHEMA app",
                    "CREATE UNLOGGED TABLE app.scratch (note text)"); // never published: no table either
            Map<String, String> env = Cli.env(server, "shop");
            EndToEnd.migrate(env);
            assertThat(readable(catalog)).contains("hr.salaries");

            env.put("TABLES_TO_CAPTURE", "app.*");
            Cli.Result preview = Cli.run(env, "migrate", "--dry-run");
            assertThat(preview.exit()).as(preview.toString()).isZero();
            assertThat(preview.out()).contains(NOTE).doesNotContainPattern("CREATE PUBLICATION [^;]*FOR ALL TABLES");
            Cli.Result fromAll = EndToEnd.migrate(env);
            assertThat(fromAll.out()).contains("TABLES_TO_CAPTURE (\"app\".*) matches no table");
            assertPublishesNothing(catalog);

            env.put("TABLES_TO_CAPTURE", "orders");
            EndToEnd.migrate(env);
            assertThat(EndToEnd.publishedTables(catalog)).containsExactly("public.orders");
            String publication = EndToEnd.publicationOid(catalog);
            env.put("TABLES_TO_CAPTURE", "app.*");
            assertThat(EndToEnd.migrate(env).out()).contains("matches no table");
            assertPublishesNothing(catalog);
            assertThat(EndToEnd.publicationOid(catalog)).as("changed in place").isEqualTo(publication);
            assertThat(EndToEnd.migrate(env).out()).as("a no-op after").contains("Up to date", "matches no table");

            catalog.execute("CREATE TABLE app.events (id int PRIMARY KEY)");
            Cli.Result withTable = EndToEnd.migrate(env);
            assertThat(withTable.out()).doesNotContain("matches no table");
            assertThat(EndToEnd.publishedTables(catalog)).containsExactly("app.events");
            assertThat(readable(catalog)).containsExactly("app.events");
        }
    }

    private static void assertPublishesNothing(Catalog catalog) {
        assertThat(catalog.value("SELECT puballtables::text FROM pg_publication WHERE pubname = '"
                + EndToEnd.PUBLICATION + "'")).isEqualTo("false");
        assertThat(EndToEnd.publishedTables(catalog)).isEmpty();
        assertThat(readable(catalog)).as("tables the replication role may read").isEmpty();
    }

    /** The user tables the replication role may SELECT. */
    private static List<String> readable(Catalog catalog) {
        return catalog.column("SELECT n.nspname || '.' || c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND n.nspname !~ '^pg_' AND has_table_privilege('" + EndToEnd.ROLE + "', c.oid, 'SELECT')"
                + " ORDER BY 1");
    }
}
