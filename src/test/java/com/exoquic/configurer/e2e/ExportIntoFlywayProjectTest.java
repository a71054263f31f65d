package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.HostileNames;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import com.exoquic.configurer.testing.ServerLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static com.exoquic.configurer.e2e.EndToEnd.SLOT;
import static com.exoquic.configurer.e2e.EndToEnd.publishedTables;
import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exported sets as a user applies them, with plain Flyway at its default settings, to a database that already has
 * an application's V1..V3, which use placeholders (Flyway's {@code ${flyway:user}} and one the application sets), while
 * a captured table's name holds <code>${</code>. Afterwards migrate has nothing to do: it sends no change at all (it only
 * starts its own history, with a baseline row, which is Flyway's bookkeeping), and the catalog is as migrate alone
 * would have made it. And export refuses to write both sets into a migration folder, naming the command to use.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig("log_statement = 'all'")
class ExportIntoFlywayProjectTest {
    private static final String DB = "shop";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHANGE = Pattern.compile(
            "^\\s*((ALTER|CREATE|DROP|GRANT|REVOKE|COMMENT|DO)\\b|SELECT pg_catalog\\.pg_(create|drop|reload))",
            Pattern.CASE_INSENSITIVE);

    /** A captured table whose name Flyway would take for a placeholder, were it written as it is. */
    private static final String NOTES = "notes${x}";
    /** The application's own placeholder, set in its Flyway configuration. */
    private static final Map<String, String> PLACEHOLDERS = Map.of("environment", "test");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"copied in from export --dir", "written there by export --only drop-in"})
    void theDropInSetJoinsTheApplicationsOwnMigrationsAndHistory(String how, PostgresServer server) throws Exception {
        Path app = applicationWithV1toV3(server);
        if (how.startsWith("copied")) {
            Path export = export(server, "--dir", tmp.resolve("export").toString());
            try (Stream<Path> files = Files.list(export.resolve("drop-in"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, app.resolve(file.getFileName()));
                }
            }
        } else {
            export(server, "--only", "drop-in", "--dir", app.toString());
            try (Stream<Path> files = Files.list(app)) {
                assertThat(files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith("V")))
                        .as("the drop-in set, flat, and nothing else").hasSize(7).allMatch(name -> name.startsWith("R__exoquic_"));
            }
        }
        assertThat(flyway(server, app).load().migrate().migrationsExecuted).isEqualTo(7);
        assertThat(new Catalog(server, DB).column("SELECT script FROM public.flyway_schema_history ORDER BY installed_rank"))
                .startsWith("V1__create_orders.sql", "V2__create_customers.sql", "V3__create_events.sql",
                        "R__exoquic_0_schema.sql");

        assertMigrateHasNothingToDo(server);
    }

    /**
     * The files run on the application's Flyway session, whose search path the application's roles may write to: each
     * resolves through pg_catalog only, and the application's own migration after them, in the same transaction
     * (Flyway's group mode), gets the application's path back. An event trigger records the search path of every DDL.
     */
    @Test
    void theDropInSetRunsOnPgCatalogAndGivesTheApplicationItsSearchPathBack(PostgresServer server) throws Exception {
        Path app = applicationWithV1toV3(server);
        export(server, "--only", "drop-in", "--dir", app.toString());
        Files.writeString(app.resolve("R__zz_app.sql"), "CREATE TABLE app_after (id bigint PRIMARY KEY);");
        Catalog catalog = new Catalog(server, DB);
        catalog.execute("CREATE SCHEMA audit",
                "CREATE TABLE audit.ddl (identity text, search_path text)",
                "CREATE FUNCTION audit.record() RETURNS event_trigger LANGUAGE plpgsql AS $f$ BEGIN"
                        + " INSERT INTO audit.ddl SELECT c.object_identity, pg_catalog.current_setting('search_path')"
                        + " FROM pg_catalog.pg_event_trigger_ddl_commands() c; END $f$",
                "CREATE EVENT TRIGGER record_ddl ON ddl_command_end EXECUTE FUNCTION audit.record()");

        assertThat(flyway(server, app).group(true).load().migrate().migrationsExecuted).isEqualTo(8);

        catalog.execute("DROP EVENT TRIGGER record_ddl");
        assertThat(catalog.column("SELECT DISTINCT search_path FROM audit.ddl WHERE identity LIKE 'public.app!_after%' ESCAPE '!'"))
                .as("the application's migration after the files, on the path Flyway gives it (its schema first)")
                .containsExactly("\"public\",\"$user\", public");
        assertThat(catalog.column("SELECT DISTINCT search_path FROM audit.ddl WHERE identity NOT LIKE 'public.app!_after%' ESCAPE '!'"))
                .as("every DDL of the files").containsExactly("pg_catalog, pg_temp");
        assertThat(catalog.value("SELECT count(*) FROM audit.ddl WHERE identity LIKE 'exoquic.%'"))
                .as("the files' DDL was recorded").isNotEqualTo("0");
    }

    @Test
    void theSeparateHistorySetKeepsTheApplicationsHistoryUntouched(PostgresServer server) throws Exception {
        Path app = applicationWithV1toV3(server);
        Path export = export(server, "--dir", tmp.resolve("export").toString());
        assertThat(flyway(server, export.resolve("separate-history")).schemas("exoquic").table("exoquic_export_history")
                .load().migrate().migrationsExecuted).isEqualTo(7);
        assertThat(new Catalog(server, DB).value("SELECT count(*) FROM public.flyway_schema_history")).isEqualTo("3");
        assertThat(flyway(server, app).load().validateWithResult().validationSuccessful).isTrue();

        assertMigrateHasNothingToDo(server);
    }

    @Test
    void bothSetsIntoAFolderHoldingMigrationsAreRefusedWithTheCommandToUse() throws IOException {
        Path app = Files.createDirectories(tmp.resolve("db/migration"));
        Files.writeString(app.resolve("V1__create_orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);");
        // Refused before connecting: nothing listens on this port.
        Map<String, String> env = Map.of("PGHOST", "127.0.0.1", "PGPORT", "1", "EXOQUIC_CONNECT_ATTEMPTS", "1");

        for (Path dir : List.of(app, app.resolve("exoquic"))) { // the folder, or one Flyway reads below it
            Cli.Result both = Cli.run(env, "export", "--dir", dir.toString());
            assertThat(both.exit()).as(both.toString()).isEqualTo(2);
            assertThat(both.err()).as(both.toString()).contains("V1__create_orders.sql")
                    .contains("export --only drop-in --dir " + app);
        }
        try (Stream<Path> files = Files.walk(app)) {
            assertThat(files.map(file -> app.relativize(file).toString())).as("nothing written")
                    .containsExactlyInAnyOrder("", "V1__create_orders.sql");
        }

        Cli.Result separate = Cli.run(env, "export", "--only", "separate-history", "--dir", app.toString());
        assertThat(separate.exit()).as(separate.toString()).isEqualTo(2);
        assertThat(separate.err()).contains("V1__create_orders.sql", "--only drop-in");
    }

    /**
     * An application's Flyway project with versions 1 to 3 applied, using placeholders; V3 creates a keyless table
     * named with <code>${</code> (Unicode-escaped, so Flyway leaves it alone). The server already runs wal_level = logical.
     */
    private Path applicationWithV1toV3(PostgresServer server) throws IOException {
        server.createDatabase(DB);
        walLevelLogical(server);
        Path app = Files.createDirectories(tmp.resolve("db/migration"));
        Files.writeString(app.resolve("V1__create_orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n"
                + "COMMENT ON TABLE orders IS 'created by ${flyway:user}';");
        Files.writeString(app.resolve("V2__create_customers.sql"), "CREATE TABLE customers (id bigint PRIMARY KEY, name text);\n"
                + "COMMENT ON TABLE customers IS 'environment ${environment}';");
        Files.writeString(app.resolve("V3__create_events.sql"), "CREATE TABLE events (at timestamptz, payload text);\n"
                + "CREATE TABLE U&\"notes\\0024{x}\" (body text);");
        assertThat(flyway(server, app).load().migrate().migrationsExecuted).isEqualTo(3);
        assertThat(new Catalog(server, DB).column("SELECT obj_description(oid, 'pg_class') FROM pg_class"
                + " WHERE relname IN ('orders', 'customers') ORDER BY relname"))
                .as("the application's placeholders replaced").containsExactly("environment test", "created by postgres");
        return app;
    }

    private static Path export(PostgresServer server, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("export"));
        command.addAll(List.of(args));
        Cli.Result result = Cli.run(env(server), command.toArray(String[]::new));
        assertThat(result.exit()).as(result.toString()).isZero();
        return Path.of(args[args.length - 1]);
    }

    /** The tables the application lists for capture, one of them named with <code>${</code>. */
    private static Map<String, String> env(PostgresServer server) {
        Map<String, String> env = Cli.env(server, DB);
        env.put("TABLES_TO_CAPTURE", "orders, events, " + HostileNames.quoted(NOTES));
        return env;
    }

    /** Plain Flyway as an application configures it: default settings, and the application's own placeholder. */
    private static FluentConfiguration flyway(PostgresServer server, Path location) {
        return Flyway.configure()
                .dataSource(server.jdbcUrl(DB), PostgresServer.SUPERUSER, PostgresServer.SUPERUSER_PASSWORD)
                .locations("filesystem:" + location)
                .placeholders(PLACEHOLDERS);
    }

    private static void assertMigrateHasNothingToDo(PostgresServer server) throws Exception {
        Catalog catalog = new Catalog(server, DB);
        assertThat(publishedTables(catalog)).containsExactly("public.events", "public." + NOTES, "public.orders");
        assertThat(catalog.column("SELECT relname || '=' || relreplident::text FROM pg_class"
                + " WHERE relname IN ('events', 'notes${x}') ORDER BY 1")).containsExactly("events=f", NOTES + "=f");
        finishTheStepsTheFilesCannotDo(server);
        Map<String, String> env = env(server);

        Cli.Result dryRun = Cli.run(env, "migrate", "--dry-run", "--json");
        assertThat(dryRun.exit()).as(dryRun.toString()).isZero();
        // Only migrate's own history remains: created by Flyway (its DDL is previewed too), then made unlogged.
        JSON.readTree(dryRun.out()).forEach(statement -> assertThat(statement.get("sql").asText())
                .as(dryRun.out()).containsPattern("\"?exoquic\"?\\.\"?flyway_schema_history"));

        int start = server.logLines().size();
        Cli.Result migrate = Cli.run(env, "migrate", "--json");
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        JsonNode report = JSON.readTree(migrate.out());
        report.get("steps").forEach(step -> assertThat(step.get("outcome").asText()).as(step.toString())
                .isIn(step.get("step").asText().equals("history not published") ? List.of("DONE")
                        : List.of("ALREADY_IN_PLACE", "SKIPPED")));
        List<String> lines = server.logLines();
        assertThat(ServerLog.statements(lines.subList(start, lines.size()), "exoquic-configurer").stream()
                .map(ServerLog.Sent::sql)
                .filter(sql -> CHANGE.matcher(sql).find() && !sql.contains("flyway_schema_history")))
                .as("changes migrate sent").isEmpty();
        assertThat(catalog.column("SELECT type FROM exoquic.flyway_schema_history")).containsExactly("BASELINE");

        assertThat(Cli.run(env, "migrate").out()).as("and then there is nothing at all").contains("Up to date");
        // That no-op recorded the catalog's fingerprint with the Flyway histories besides the tool's (the application's,
        // and the export's own where it has one); while the catalog stays as it is, they are read directly instead of
        // being searched for.
        assertThat(catalog.value("SELECT cardinality(histories) FROM exoquic.catalog_state")).isIn("1", "2");
        assertThat(Cli.run(env, "migrate").out()).as("through the recorded history").contains("Up to date");
        Cli.Result validate = Cli.run(env, "validate");
        assertThat(validate.exit()).as(validate.toString()).isZero();
    }

    /** The export README's three steps: the server settings (done above), the password and the slot. */
    private static void finishTheStepsTheFilesCannotDo(PostgresServer server) throws Exception {
        try (Connection connection = server.connect(DB)) {
            connection.unwrap(PGConnection.class).alterUserPassword(ROLE, Cli.REPLICATION_PASSWORD.toCharArray(),
                    "scram-sha-256");
            connection.createStatement().execute("SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')");
        }
    }
}
