package com.exoquic.configurer.e2e;

import com.exoquic.configurer.internal.sql.Sql;
import com.exoquic.configurer.internal.template.SqlTemplates;
import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static com.exoquic.configurer.e2e.EndToEnd.canSelect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The no-op that proves "nothing to do" from the catalog's fingerprint (PostgreSQL 17). A no-op whose full read found
 * nothing to do records the fingerprint in exoquic.catalog_state; a later run whose fingerprint is the same skips the
 * checks that grow with the number of tables. What the application's role can change after the record (revoke the
 * replication role's grant on its own table, grant it a table that is not captured, give a captured table replica
 * identity NOTHING) changes the fingerprint, and migrate finds it; the application's role can neither read nor write
 * the record; and a record that matches is what makes a run skip those checks, which is why only the admin may write
 * it (status, which reads everything, still sees the drift).
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig({"wal_level = logical", "log_statement = 'all'"})
class CatalogStateTest {
    private static final String DB = "shop";
    private static final String APP = "app";
    private static PostgresServer server;
    private static Catalog catalog;
    private static Map<String, String> env;

    @BeforeAll
    static void configured(PostgresServer shared) {
        server = shared;
        server.createDatabase(DB);
        catalog = new Catalog(server, DB);
        catalog.execute("CREATE ROLE " + APP + " LOGIN PASSWORD 'app-pw'", "GRANT CREATE ON SCHEMA public TO " + APP);
        asApp("CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.events (at timestamptz)",
                "CREATE TABLE public.audit (id int PRIMARY KEY)");
        env = Cli.env(server, DB);
        env.put("TABLES_TO_CAPTURE", "orders, events"); // audit is not captured
        EndToEnd.migrate(env);
    }

    @Test
    void recordedByTheFirstNoOpAfterAChangeAndReadByTheNext() {
        server.createDatabase("fresh");
        Catalog fresh = new Catalog(server, "fresh");
        fresh.execute("CREATE TABLE public.items (id int PRIMARY KEY)", "CREATE TABLE public.log (line text)");
        Map<String, String> freshEnv = Cli.env(server, "fresh");
        freshEnv.put("EXOQUIC_REPLICATION_USER", "rep_fresh");
        freshEnv.put("EXOQUIC_SLOT_NAME", "slot_fresh");
        EndToEnd.migrate(freshEnv);
        assertThat(fresh.value("SELECT count(*) FROM exoquic.catalog_state")).as("a run that changed the catalog"
                + " records nothing: others may have changed it meanwhile").isEqualTo("0");
        assertThat(Cli.run(freshEnv, "migrate", "--dry-run").out()).contains("Up to date");
        assertThat(fresh.value("SELECT count(*) FROM exoquic.catalog_state")).as("the dry-run writes nothing")
                .isEqualTo("0");
        assertThat(EndToEnd.migrate(freshEnv).out()).contains("Up to date");
        String recorded = fresh.value("SELECT fingerprint || ' ' || recorded_at FROM exoquic.catalog_state");
        assertThat(recorded).as("a full read that found nothing to do is recorded").isNotBlank();
        assertThat(EndToEnd.migrate(freshEnv).out()).contains("Up to date");
        assertThat(fresh.value("SELECT fingerprint || ' ' || recorded_at FROM exoquic.catalog_state"))
                .as("an unchanged catalog is not recorded again").isEqualTo(recorded);
        assertThat(fresh.value("SELECT relpersistence::text FROM pg_class WHERE oid = 'exoquic.catalog_state'::regclass"))
                .as("unlogged: never published").isEqualTo("u");
    }

    @Test
    void whatTheApplicationChangesAfterTheRecordIsFound() {
        recorded();
        asApp("REVOKE SELECT ON public.events FROM " + ROLE);
        Cli.Result repaired = EndToEnd.migrate(env);
        assertThat(repaired.out()).as(repaired.toString()).contains("(repair)").doesNotContain("Up to date");
        assertThat(canSelect(catalog, "public.events")).isTrue();

        recorded();
        asApp("GRANT SELECT ON public.audit TO " + ROLE);
        repaired = EndToEnd.migrate(env);
        assertThat(repaired.out()).as(repaired.toString()).contains("(repair)").doesNotContain("Up to date");
        assertThat(canSelect(catalog, "public.audit")).as("a table that is not captured").isFalse();

        recorded();
        asApp("ALTER TABLE public.events REPLICA IDENTITY NOTHING");
        Cli.Result refused = Cli.run(env, "migrate");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("REPLICA IDENTITY NOTHING", "\"public\".\"events\"");
        asApp("ALTER TABLE public.events REPLICA IDENTITY FULL");
        assertThat(EndToEnd.migrate(env).out()).contains("Up to date");
    }

    @Test
    void theApplicationCanNeitherReadNorWriteTheRecord() {
        recorded();
        for (String attempt : List.of("SELECT * FROM exoquic.catalog_state",
                "UPDATE exoquic.catalog_state SET fingerprint = 'forged'",
                "INSERT INTO exoquic.catalog_state VALUES (1, 'forged', 'forged', '{}', now())")) {
            assertThatThrownBy(() -> asApp(attempt)).as(attempt).hasMessageContaining("permission denied");
        }
    }

    /**
     * The mechanism, shown with a record the admin's fellow superuser forges: the grant revoked and the record
     * rewritten to the fingerprint of the catalog as it now is. migrate then trusts the record and skips the grants
     * check (which is why only the admin may write it); status, which reads everything, still says the role cannot
     * read the table; and once the record no longer matches, migrate repairs it.
     */
    @Test
    void aMatchingRecordIsWhatLetsARunSkipTheTableChecks() {
        recorded();
        String fingerprint = new SqlTemplates().render("inspect_catalog_state", Map.of("digest", Sql.literal("any")));
        catalog.execute("DO $$ BEGIN REVOKE SELECT ON public.events FROM " + ROLE + ";"
                + " UPDATE exoquic.catalog_state SET fingerprint = (SELECT s.fingerprint FROM (" + fingerprint
                + ") AS s); END $$");
        assertThat(EndToEnd.migrate(env).out()).as("the record matches: the grants check was skipped")
                .contains("Up to date");
        Cli.Result status = Cli.run(env, "status");
        assertThat(status.exit()).as(status.toString()).isEqualTo(4);
        assertThat(status.out()).contains("not readable by the replication role");

        catalog.execute("TRUNCATE exoquic.catalog_state");
        assertThat(EndToEnd.migrate(env).out()).contains("(repair)");
        assertThat(canSelect(catalog, "public.events")).isTrue();
    }

    /** Runs migrate until it records the catalog's fingerprint (a no-op after a change records it). */
    private static void recorded() {
        assertThat(EndToEnd.migrate(env).out()).contains("Up to date");
        assertThat(catalog.value("SELECT count(*) FROM exoquic.catalog_state")).isEqualTo("1");
    }

    private static void asApp(String... sql) {
        server.executeAs(DB, APP, "app-pw", sql);
    }
}
