package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.HostileNames;
import com.exoquic.configurer.testing.PgOutput;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.PUBLICATION;
import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static com.exoquic.configurer.e2e.EndToEnd.SLOT;
import static com.exoquic.configurer.e2e.EndToEnd.canSelect;
import static com.exoquic.configurer.e2e.EndToEnd.migrate;
import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Between runs, the application's own DDL (as a non-superuser owner) keeps the database CDC-safe: new or altered
 * keyless captured tables get REPLICA IDENTITY FULL at once, so the application's UPDATE and DELETE work and the
 * change reaches the slot; an identity the owner chose is kept; the application's DDL never fails.
 */
@ExtendWith(PostgresExtension.class)
class DdlGuardEndToEndTest {
    private static final String DB = "shop";
    private static final String APP = "app";

    @Test
    void newAndAlteredKeylessTablesWorkAtOnceAndTheirChangesReachTheSlot(PostgresServer server) throws Exception {
        Catalog catalog = prepare(server);
        Map<String, String> env = Cli.env(server, DB);
        migrate(env);
        assertThat(catalog.column("SELECT description FROM exoquic.flyway_schema_history")).contains("6 ddl guard");

        asApplication(server,
                "CREATE TABLE public.notes (txt text)",
                "CREATE TABLE public.keyed (id int PRIMARY KEY, v text)",
                "ALTER TABLE public.keyed DROP CONSTRAINT keyed_pkey",
                "CREATE TABLE public.copied AS SELECT 1 AS n, 'x'::text AS v",
                "SELECT 2 AS n, 'y'::text AS v INTO public.selected",
                "CREATE TABLE public.readings (id int, v text) PARTITION BY LIST (id)",
                "CREATE TABLE public.readings_1 (id int, v text)",
                "ALTER TABLE public.readings ATTACH PARTITION public.readings_1 FOR VALUES IN (1)",
                // the application's writes, right after its DDL: no migrate in between
                "INSERT INTO public.notes VALUES ('a note')",
                "UPDATE public.notes SET txt = 'an edited note'",
                "DELETE FROM public.notes",
                "INSERT INTO public.keyed VALUES (1, 'k')",
                "UPDATE public.keyed SET v = 'k2'",
                "DELETE FROM public.keyed",
                "UPDATE public.copied SET v = 'x2'",
                "DELETE FROM public.selected",
                "INSERT INTO public.readings VALUES (1, 'r')",
                "UPDATE public.readings SET v = 'r2'",
                "DELETE FROM public.readings",
                "CREATE SCHEMA app_data",
                "CREATE TABLE app_data.later (id int PRIMARY KEY)",
                "CREATE TABLE public.marker (id int PRIMARY KEY)",
                "INSERT INTO public.marker VALUES (999)");

        for (String table : List.of("notes", "keyed", "copied", "selected", "readings", "readings_1")) {
            assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE oid = 'public." + table
                    + "'::regclass")).as(table).isEqualTo("f");
            assertThat(canSelect(catalog, "public." + table)).as("the role may copy " + table).isTrue();
        }
        assertThat(canSelect(catalog, "app_data.later")).as("a table of a schema created later, for the copy").isTrue();
        try (PgOutput stream = PgOutput.start(server, DB, ROLE, Cli.REPLICATION_PASSWORD, SLOT, PUBLICATION)) {
            List<PgOutput.Change> changes = stream.readUntil(
                    change -> change.newRow() != null && change.newRow().contains("999"), Duration.ofSeconds(30));
            assertThat(changes).map(PgOutput.Change::toString).containsExactly(
                    "I public.copied N[1, x]",
                    "I public.selected N[2, y]",
                    "I public.notes N[a note]",
                    "U public.notes O[a note] N[an edited note]",
                    "D public.notes O[an edited note]",
                    "I public.keyed N[1, k]",
                    "U public.keyed O[1, k] N[1, k2]",
                    "D public.keyed O[1, k2]",
                    "U public.copied O[1, x] N[1, x2]",
                    "D public.selected O[2, y]",
                    "I public.readings N[1, r]",
                    "U public.readings O[1, r] N[1, r2]",
                    "D public.readings O[1, r2]",
                    "I public.marker N[999]");
        }
    }

    @Test
    void anIdentityTheOwnerChoseIsKeptAndHostileNamesNeverFailTheDdl(PostgresServer server) throws Exception {
        Catalog catalog = prepare(server);
        Map<String, String> env = Cli.env(server, DB);
        env.put("TABLES_TO_CAPTURE", "public.*");
        migrate(env);

        asApplication(server,
                "CREATE TABLE public.chosen (id int NOT NULL, v text)",
                "CREATE UNIQUE INDEX chosen_id ON public.chosen (id)",
                "ALTER TABLE public.chosen REPLICA IDENTITY USING INDEX chosen_id",
                "CREATE TABLE public.nothing (v text)",
                "ALTER TABLE public.nothing REPLICA IDENTITY NOTHING",
                "ALTER TABLE public.nothing ADD COLUMN w text");
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'chosen'")).isEqualTo("i");
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'nothing'")).isEqualTo("n");

        List<String> hostile = HostileNames.names("t");
        List<String> ddl = new ArrayList<>();
        hostile.forEach(name -> ddl.add("CREATE TABLE public." + HostileNames.quoted(name) + " (v text)"));
        List<String> hostileWarnings = asApplication(server, ddl.toArray(String[]::new));
        assertThat(hostileWarnings).isEmpty();
        for (String name : hostile) {
            assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = '"
                    + name.replace("'", "''") + "'")).as(name).isEqualTo("f");
        }
        assertThat(catalog.value("SELECT rolsuper::text FROM pg_roles WHERE rolname = 'lp'")).isNotEqualTo("true");

        // The guard itself failing (its role renamed away) never fails the DDL: a warning at most.
        catalog.execute("ALTER ROLE " + ROLE + " RENAME TO renamed_role");
        List<String> warnings = asApplication(server, "CREATE TABLE public.during_failure (v text)");
        assertThat(warnings).anyMatch(warning -> warning.contains("exoquic DDL guard"));
        catalog.execute("ALTER ROLE renamed_role RENAME TO " + ROLE);
    }

    @Test
    void theGuardCanBeTurnedOffStatusNamesWhatItMissesAndTeardownRemovesIt(PostgresServer server) throws Exception {
        Catalog catalog = prepare(server);
        Map<String, String> env = Cli.env(server, DB);
        migrate(env);
        assertThat(catalog.column("SELECT evtname FROM pg_event_trigger")).containsExactly("exoquic_ddl_guard");

        Cli.Result off = Cli.run(env, "migrate", "--no-ddl-guard");
        assertThat(off.exit()).as(off.toString()).isZero();
        assertThat(catalog.column("SELECT evtname FROM pg_event_trigger")).isEmpty();
        asApplication(server, "CREATE TABLE public.unguarded (v text)");
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'unguarded'")).isEqualTo("d");
        Cli.Result status = Cli.run(env, "status");
        assertThat(status.exit()).as(status.toString()).isEqualTo(4);
        assertThat(status.out()).contains("1 without a usable replica identity", "without one:  \"public\".\"unguarded\"");
        Cli.Result json = Cli.run(env, "status", "--json");
        assertThat(new ObjectMapper().readTree(json.out()).get("tablesWithoutReplicaIdentityNames").toString())
                .isEqualTo("[\"\\\"public\\\".\\\"unguarded\\\"\"]");

        env.put("EXOQUIC_DDL_GUARD", "true");
        migrate(env);
        assertThat(catalog.column("SELECT evtname FROM pg_event_trigger")).containsExactly("exoquic_ddl_guard");

        Cli.Result teardown = Cli.run(env, "teardown", "--yes");
        assertThat(teardown.exit()).as(teardown.toString()).isZero();
        assertThat(catalog.column("SELECT evtname FROM pg_event_trigger")).isEmpty();
        assertThat(catalog.column("SELECT proname FROM pg_proc WHERE proname = 'ddl_guard'")).isEmpty();
    }

    private static Catalog prepare(PostgresServer server) {
        server.createDatabase(DB);
        walLevelLogical(server);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute("CREATE ROLE " + APP + " LOGIN PASSWORD 'app-pw'", "GRANT CREATE ON SCHEMA public TO " + APP,
                "GRANT CREATE ON DATABASE " + DB + " TO " + APP);
        return catalog;
    }

    /** Runs the statements as the application's own (non-superuser) role; returns the server's warnings. */
    private static List<String> asApplication(PostgresServer server, String... sql) {
        List<String> warnings = new ArrayList<>();
        try (Connection connection = server.connect(DB, APP, "app-pw"); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
                for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                    warnings.add(w.getMessage());
                }
                statement.clearWarnings();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return warnings;
    }
}
