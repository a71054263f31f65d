package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.Fingerprint;
import com.exoquic.configurer.testing.HostileNames;
import com.exoquic.configurer.testing.PgOutput;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
        // A partition's changes are published as its root's from 13 (publish_via_partition_root), as its own on 12.
        String published = server.majorVersion() >= 13 ? "readings" : "readings_1";
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
                    "I public." + published + " N[1, r]",
                    "U public." + published + " O[1, r] N[1, r2]",
                    "D public." + published + " O[1, r2]",
                    "I public.marker N[999]");
        }
    }

    @Test
    void anIdentityTheOwnerChoseIsKeptAndHostileNamesNeverFailTheDdl(PostgresServer server) throws Exception {
        Catalog catalog = prepare(server);
        Map<String, String> env = Cli.env(server, DB);
        // Before 15 a schema cannot be published and public.* is its tables of the moment: a table created later is
        // captured from the next migrate, so there the guard is tested with every table captured.
        if (server.majorVersion() >= 15) {
            env.put("TABLES_TO_CAPTURE", "public.*");
        }
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

    @Test
    void withoutItsRoleOrPublicationTheGuardNeverBreaksTheApplicationsWrites(PostgresServer server) {
        Catalog catalog = prepare(server);
        migrate(Cli.env(server, DB));
        List<String> rights = Fingerprint.rights(catalog, APP);
        catalog.execute("DROP OWNED BY " + ROLE, "DROP ROLE " + ROLE);

        List<String> warnings = asApplication(server,
                "CREATE TABLE public.after_role (id int, v text)",
                "INSERT INTO public.after_role VALUES (1, 'a')",
                "UPDATE public.after_role SET v = 'b'",
                "DELETE FROM public.after_role",
                "CREATE SCHEMA app_later",
                "CREATE TABLE app_later.keyed (id int PRIMARY KEY)");
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE oid = 'public.after_role'::regclass"))
                .as("the identity stays, though no grant could be given").isEqualTo("f");
        assertThat(warnings).anyMatch(warning -> warning.contains("exoquic DDL guard: role " + ROLE + " does not exist"));

        catalog.execute("DROP PUBLICATION " + PUBLICATION);
        List<String> unpublished = asApplication(server,
                "CREATE TABLE public.after_publication (v text)",
                "INSERT INTO public.after_publication VALUES ('a')",
                "UPDATE public.after_publication SET v = 'b'");
        assertThat(unpublished).anyMatch(warning -> warning.contains("publication " + PUBLICATION + " does not exist"));
        assertThat(Fingerprint.rights(catalog, APP)).as("the application gained nothing").containsExactlyElementsOf(rights);
    }

    @Test
    void aTableTheGuardMadeFullGetsItsDefaultIdentityBackWithAPrimaryKey(PostgresServer server) {
        Catalog catalog = prepare(server);
        catalog.execute("CREATE TABLE public.before_migrate (id int NOT NULL, v text)",
                "ALTER TABLE public.before_migrate OWNER TO " + APP);
        migrate(Cli.env(server, DB));
        String hostile = HostileNames.names("k").get(1); // a line break and a statement in the name
        asApplication(server,
                // Liquibase's order: createTable, then addPrimaryKey
                "CREATE TABLE public.liquibase (id int NOT NULL, v text)",
                "ALTER TABLE public.liquibase ADD CONSTRAINT liquibase_pk PRIMARY KEY (id)",
                // pg_restore's order: the table, its data, then the key
                "CREATE TABLE public.restored (id int, v text)",
                "INSERT INTO public.restored VALUES (1, 'r')",
                "ALTER TABLE ONLY public.restored ADD CONSTRAINT restored_pkey PRIMARY KEY (id)",
                "CREATE TABLE public." + HostileNames.quoted(hostile) + " (id int, v text)",
                "ALTER TABLE public." + HostileNames.quoted(hostile) + " ADD PRIMARY KEY (id)",
                // FULL the owner chose on a keyed table, and FULL that migrate (not the guard) gave, are kept
                "CREATE TABLE public.chosen (id int PRIMARY KEY, v text)",
                "ALTER TABLE public.chosen REPLICA IDENTITY FULL",
                "ALTER TABLE public.before_migrate ADD PRIMARY KEY (id)",
                // a key dropped again: FULL again, and back once more
                "CREATE TABLE public.flapping (id int, v text)",
                "ALTER TABLE public.flapping ADD PRIMARY KEY (id)",
                "ALTER TABLE public.flapping DROP CONSTRAINT flapping_pkey");
        assertThat(identity(catalog, "liquibase")).isEqualTo("d");
        assertThat(identity(catalog, "restored")).isEqualTo("d");
        assertThat(identity(catalog, hostile)).isEqualTo("d");
        assertThat(identity(catalog, "chosen")).as("the owner's choice").isEqualTo("f");
        assertThat(identity(catalog, "before_migrate")).as("not the guard's").isEqualTo("f");
        assertThat(identity(catalog, "flapping")).isEqualTo("f");
        asApplication(server, "ALTER TABLE public.flapping ADD PRIMARY KEY (id)", "UPDATE public.restored SET v = 's'");
        assertThat(identity(catalog, "flapping")).isEqualTo("d");
        assertThat(catalog.column("SELECT relname FROM exoquic.ddl_guard_full_tables")).as("nothing left to remember")
                .isEmpty();
        assertThat(Cli.run(Cli.env(server, DB), "status").exit()).isZero();
    }

    /**
     * A transaction that creates many tables pays for each no more than PostgreSQL's own ALTER: the guard opens no
     * subtransaction for a new table (their cost grew with the square of the tables created), a keyless one takes
     * UPDATE in the very transaction that created it, and the role's grants come once, at the commit.
     */
    @Test
    void oneTransactionsNewTablesTakeNoSubtransactionAndGetTheirGrantsAtCommit(PostgresServer server) throws Exception {
        Catalog catalog = prepare(server);
        migrate(Cli.env(server, DB));
        try (Connection connection = server.connect(DB, APP, "app-pw"); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < 40; i++) {
                statement.execute("CREATE TABLE public.batch_" + i + (i % 2 == 0 ? " (v text)" : " (id int PRIMARY KEY)"));
            }
            statement.execute("CREATE TABLE public.copied_in_batch AS SELECT 1 AS n");
            statement.execute("INSERT INTO public.batch_0 VALUES ('a')");
            statement.execute("UPDATE public.batch_0 SET v = 'b'");
            statement.execute("DELETE FROM public.copied_in_batch");
            if (server.majorVersion() >= 16) { // pg_stat_get_backend_subxact is new in 16
                try (ResultSet subtransactions = statement.executeQuery("SELECT s.subxact_count"
                        + " FROM pg_stat_get_backend_idset() AS b(id), pg_stat_get_backend_subxact(b.id) AS s"
                        + " WHERE pg_stat_get_backend_pid(b.id) = pg_backend_pid()")) {
                    assertThat(subtransactions.next()).isTrue();
                    assertThat(subtransactions.getInt(1)).as("subtransactions the guard opened").isZero();
                }
            }
            statement.execute("SAVEPOINT before_mistake");
            statement.execute("CREATE TABLE public.rolled_back (v text)");
            statement.execute("ROLLBACK TO SAVEPOINT before_mistake");
            statement.execute("CREATE TABLE public.keyed_later (id int NOT NULL, v text)");
            statement.execute("ALTER TABLE public.keyed_later ADD PRIMARY KEY (id)");
            assertThat(catalog.value("SELECT count(*)::text FROM exoquic.ddl_guard_pending"))
                    .as("another session sees nothing of the open transaction").isEqualTo("0");
            connection.commit();
        }
        for (int i = 0; i < 40; i++) {
            assertThat(identity(catalog, "batch_" + i)).as("batch_" + i).isEqualTo(i % 2 == 0 ? "f" : "d");
            assertThat(canSelect(catalog, "public.batch_" + i)).as("the role may copy batch_" + i).isTrue();
        }
        assertThat(identity(catalog, "copied_in_batch")).isEqualTo("f");
        assertThat(canSelect(catalog, "public.copied_in_batch")).isTrue();
        assertThat(identity(catalog, "keyed_later")).as("given its key in the same transaction").isEqualTo("d");
        assertThat(canSelect(catalog, "public.keyed_later")).isTrue();
        assertThat(catalog.value("SELECT count(*)::text FROM pg_class WHERE relname = 'rolled_back'")).isEqualTo("0");
        assertThat(catalog.value("SELECT (SELECT count(*) FROM exoquic.ddl_guard_pending)"
                + " + (SELECT count(*) FROM exoquic.ddl_guard_commits)")).as("nothing left waiting").isEqualTo("0");
        assertThat(Cli.run(Cli.env(server, DB), "status").exit()).isZero();
    }

    /**
     * A dump of a guarded database carries the event trigger and the publication, not the role: restored on a server
     * without the tool (PostgreSQL 15, with Debian's pg_dump and psql 15), the application's new keyless table still
     * takes UPDATE and DELETE.
     */
    @Test
    void aDumpRestoredOnAServerWithoutTheToolKeepsTheApplicationWriting(@TempDir Path dir) throws Exception {
        try (PostgresServer source = PostgresServers.start(15, List.of("wal_level = logical"));
             PostgresServer target = PostgresServers.start(15, List.of())) {
            Catalog guarded = prepare(source);
            asApplication(source, "CREATE TABLE public.orders (id int PRIMARY KEY, v text)", "CREATE TABLE public.notes (v text)");
            migrate(Cli.env(source, DB));
            Path dump = dir.resolve("shop.sql");
            run(source, "pg_dump", "--dbname", DB, "--file", dump.toString());
            assertThat(guarded.column("SELECT evtname FROM pg_event_trigger")).containsExactly("exoquic_ddl_guard");

            target.execute("postgres", "CREATE ROLE " + APP + " LOGIN PASSWORD 'app-pw'", "CREATE DATABASE " + DB);
            run(target, "psql", "--dbname", DB, "--quiet", "--file", dump.toString()); // the role's GRANTs fail
            Catalog restored = new Catalog(target, DB);
            assertThat(restored.column("SELECT evtname FROM pg_event_trigger")).containsExactly("exoquic_ddl_guard");
            assertThat(restored.column("SELECT pubname FROM pg_publication")).containsExactly(PUBLICATION);
            assertThat(restored.column("SELECT rolname FROM pg_roles WHERE rolname = '" + ROLE + "'")).isEmpty();

            List<String> warnings = asApplication(target,
                    "CREATE TABLE public.after_restore (v text)",
                    "INSERT INTO public.after_restore VALUES ('a')",
                    "UPDATE public.after_restore SET v = 'b'",
                    "DELETE FROM public.after_restore",
                    "UPDATE public.notes SET v = 'n'");
            assertThat(identity(restored, "after_restore")).isEqualTo("f");
            assertThat(warnings).anyMatch(warning -> warning.contains("role " + ROLE + " does not exist"));
        }
    }

    private static String identity(Catalog catalog, String table) {
        return catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = '" + table.replace("'", "''") + "'");
    }

    /** Runs a PostgreSQL client program against the server as its superuser; fails on a non-zero exit. */
    private static void run(PostgresServer server, String program, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(program, "--host", server.host(), "--port",
                Integer.toString(server.port()), "--username", PostgresServer.SUPERUSER, "--no-password"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", PostgresServer.SUPERUSER_PASSWORD);
        Process process;
        try {
            process = builder.start();
        } catch (java.io.IOException e) {
            throw new AssertionError(program + " is needed for this test: install Debian's postgresql-client (.ci/run"
                    + " does)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(program + ": " + output).isZero();
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
