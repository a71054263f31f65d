package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.assertPasswordNeverLogged;
import static com.exoquic.configurer.e2e.EndToEnd.migrate;
import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static org.assertj.core.api.Assertions.assertThat;

/** Tables created after the first run: the next run gives keyless ones REPLICA IDENTITY FULL, unless the owner chose one. */
@ExtendWith(PostgresExtension.class)
@ServerConfig("log_statement = 'all'")
class ReplicaIdentityEndToEndTest {
    static final String DB = "shop";

    @Test
    void aKeylessTableCreatedLaterGetsFullOnTheNextRunUsingIndexIsLeftAloneAndNothingIsRefused(PostgresServer server) {
        server.createDatabase(DB);
        walLevelLogical(server);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric)");
        Map<String, String> env = Cli.env(server, DB);
        migrate(env);

        catalog.execute(
                "CREATE TABLE public.audit_log (at timestamptz, entry text)",
                "CREATE TABLE public.scratch (x int)",
                "ALTER TABLE public.scratch REPLICA IDENTITY NOTHING",
                "CREATE TABLE public.snapshots (id int NOT NULL, body text)",
                "CREATE UNIQUE INDEX snapshots_id ON public.snapshots (id)",
                "ALTER TABLE public.snapshots REPLICA IDENTITY USING INDEX snapshots_id",
                // keyless: a unique index on a NOT NULL column could serve as the identity, one on a nullable could not
                "CREATE TABLE public.tokens (value text NOT NULL UNIQUE)",
                "CREATE TABLE public.notes (label text UNIQUE)");
        // NOTHING on a published table makes the application's UPDATE and DELETE fail: refused, with the fix.
        Cli.Result refused = Cli.run(env, "migrate");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("\"public\".\"scratch\" have REPLICA IDENTITY NOTHING");
        assertThat(replicaIdentities(catalog)).as("the DDL guard gave the new keyless table FULL at once")
                .containsExactly("audit_log=f", "notes=f", "orders=d", "scratch=n", "snapshots=i", "tokens=f");

        catalog.execute("ALTER TABLE public.scratch REPLICA IDENTITY DEFAULT");
        Cli.Result next = migrate(env);

        assertThat(replicaIdentities(catalog))
                .containsExactly("audit_log=f", "notes=f", "orders=d", "scratch=f", "snapshots=i", "tokens=f");
        assertThat(catalog.value("SELECT indexrelid::regclass::text FROM pg_index WHERE indisreplident"))
                .isEqualTo("snapshots_id");
        assertThat(next.out())
                .containsPattern("\\[done\\] +replica identity")
                .contains("\"public\".\"audit_log\" (replica identity full)")
                .contains("\"public\".\"scratch\" (replica identity full)")
                .contains("\"public\".\"snapshots\" (replica identity index): replica identity index was chosen by the owner and left alone")
                .contains("\"public\".\"tokens\" (replica identity full): has a unique index on NOT NULL columns:"
                        + " ALTER TABLE \"public\".\"tokens\" REPLICA IDENTITY USING INDEX <index>")
                .contains("\"public\".\"notes\" (replica identity full): REPLICA IDENTITY FULL (updates and deletes log"
                        + " the whole old row); add a primary key to reduce WAL");

        Cli.Result again = migrate(env);
        assertThat(again.out()).contains("Up to date");
        assertThat(replicaIdentities(catalog))
                .containsExactly("audit_log=f", "notes=f", "orders=d", "scratch=f", "snapshots=i", "tokens=f");
        assertPasswordNeverLogged(server);
    }

    @Test
    void withATableListOnlyCapturedKeylessTablesGetFull(PostgresServer server) {
        server.createDatabase(DB);
        walLevelLogical(server);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute(
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric)",
                "CREATE TABLE public.events (at timestamptz, payload text)",
                "CREATE SCHEMA audit",
                "CREATE TABLE public.not_captured (note text)");
        Map<String, String> env = Cli.env(server, DB);
        env.put("TABLES_TO_CAPTURE", "orders, events, audit.*");
        Cli.Result first = migrate(env);
        assertThat(first.out()).contains("\"public\".\"events\" (replica identity full)");

        catalog.execute("CREATE TABLE audit.log (at timestamptz, entry text)",
                "CREATE TABLE public.also_not_captured (note text)");
        Cli.Result next = migrate(env);

        assertThat(replicaIdentities(catalog)).containsExactly(
                "also_not_captured=d", "events=f", "log=f", "not_captured=d", "orders=d");
        assertThat(next.out()).containsPattern("\\[done\\] +replica identity")
                .contains("\"audit\".\"log\" (replica identity full)")
                .doesNotContain("not_captured");
        assertPasswordNeverLogged(server);
    }

    @Test
    void theTextReportListsTheFirstKeylessTablesAndJsonListsThemAll(PostgresServer server) {
        server.createDatabase(DB);
        walLevelLogical(server);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute("DO $$ BEGIN FOR i IN 1..25 LOOP"
                + " EXECUTE format('CREATE TABLE public.log_%s (at timestamptz, entry text)', lpad(i::text, 2, '0'));"
                + " END LOOP; END $$");
        Map<String, String> env = Cli.env(server, DB);

        Cli.Result text = migrate(env);
        assertThat(text.out())
                .contains("Captured tables without a primary key (25):")
                .contains("\"public\".\"log_20\" (replica identity full)")
                .doesNotContain("\"public\".\"log_21\"")
                .contains("... and 5 more (--json lists them all)");

        Cli.Result json = Cli.run(env, "migrate", "--json");
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(json.out().split("\"replicaIdentity\"", -1)).as("one entry per keyless table").hasSize(26);
        assertThat(json.out()).contains("log_01").contains("log_25");
        assertThat(replicaIdentities(catalog)).hasSize(25).allMatch(entry -> entry.endsWith("=f"));
    }

    private static java.util.List<String> replicaIdentities(Catalog catalog) {
        return catalog.column("SELECT c.relname || '=' || c.relreplident::text FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname IN ('public', 'audit') AND c.relkind = 'r' ORDER BY 1");
    }
}
