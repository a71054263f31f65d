package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
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
 * The exported sets as a user applies them, with plain Flyway, to a database that already has an application's
 * V1..V3. Afterwards migrate has nothing to do: it sends no change at all (it only starts its own history, with a
 * baseline row, which is Flyway's bookkeeping), and the catalog is as migrate alone would have made it.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig("log_statement = 'all'")
class ExportIntoFlywayProjectTest {
    private static final String DB = "shop";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHANGE = Pattern.compile(
            "^\\s*((ALTER|CREATE|DROP|GRANT|REVOKE|COMMENT|DO)\\b|SELECT pg_catalog\\.pg_(create|drop|reload))",
            Pattern.CASE_INSENSITIVE);

    @TempDir
    Path tmp;

    @Test
    void theDropInSetJoinsTheApplicationsOwnMigrationsAndHistory(PostgresServer server) throws Exception {
        Path app = applicationWithV1toV3(server);
        Path export = export(server);
        try (Stream<Path> files = Files.list(export.resolve("drop-in"))) {
            for (Path file : files.toList()) {
                Files.copy(file, app.resolve(file.getFileName()));
            }
        }
        assertThat(flyway(server, app).load().migrate().migrationsExecuted).isEqualTo(7);
        assertThat(new Catalog(server, DB).column("SELECT script FROM public.flyway_schema_history ORDER BY installed_rank"))
                .startsWith("V1__create_orders.sql", "V2__create_customers.sql", "V3__create_events.sql",
                        "R__exoquic_0_schema.sql");

        assertMigrateHasNothingToDo(server);
    }

    @Test
    void theSeparateHistorySetKeepsTheApplicationsHistoryUntouched(PostgresServer server) throws Exception {
        Path app = applicationWithV1toV3(server);
        Path export = export(server);
        assertThat(flyway(server, export.resolve("separate-history")).schemas("exoquic").table("exoquic_export_history")
                .load().migrate().migrationsExecuted).isEqualTo(7);
        assertThat(new Catalog(server, DB).value("SELECT count(*) FROM public.flyway_schema_history")).isEqualTo("3");
        assertThat(flyway(server, app).load().validateWithResult().validationSuccessful).isTrue();

        assertMigrateHasNothingToDo(server);
    }

    /** An application's Flyway project with versions 1 to 3 applied; the server already runs wal_level = logical. */
    private Path applicationWithV1toV3(PostgresServer server) throws IOException {
        server.createDatabase(DB);
        walLevelLogical(server);
        Path app = Files.createDirectories(tmp.resolve("db/migration"));
        Files.writeString(app.resolve("V1__create_orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);");
        Files.writeString(app.resolve("V2__create_customers.sql"), "CREATE TABLE customers (id bigint PRIMARY KEY, name text);");
        Files.writeString(app.resolve("V3__create_events.sql"), "CREATE TABLE events (at timestamptz, payload text);");
        assertThat(flyway(server, app).load().migrate().migrationsExecuted).isEqualTo(3);
        return app;
    }

    private Path export(PostgresServer server) {
        Path dir = tmp.resolve("export");
        Cli.Result result = Cli.run(Cli.env(server, DB), "export", "--dir", dir.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        return dir;
    }

    /** Plain Flyway as an application configures it, with placeholder replacement off as the export's README says. */
    private static FluentConfiguration flyway(PostgresServer server, Path location) {
        return Flyway.configure()
                .dataSource(server.jdbcUrl(DB), PostgresServer.SUPERUSER, PostgresServer.SUPERUSER_PASSWORD)
                .locations("filesystem:" + location)
                .placeholderReplacement(false);
    }

    private static void assertMigrateHasNothingToDo(PostgresServer server) throws Exception {
        Catalog catalog = new Catalog(server, DB);
        assertThat(publishedTables(catalog)).contains("public.customers", "public.events", "public.orders"); // FOR ALL TABLES
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'events'")).isEqualTo("f");
        finishTheStepsTheFilesCannotDo(server);
        Map<String, String> env = Cli.env(server, DB);

        Cli.Result dryRun = Cli.run(env, "migrate", "--dry-run", "--json");
        assertThat(dryRun.exit()).as(dryRun.toString()).isZero();
        // Only migrate's own bookkeeping remains: its history, created by Flyway, is made unlogged.
        JSON.readTree(dryRun.out()).forEach(statement -> assertThat(statement.get("sql").asText())
                .as(dryRun.out()).contains("exoquic.flyway_schema_history"));

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
