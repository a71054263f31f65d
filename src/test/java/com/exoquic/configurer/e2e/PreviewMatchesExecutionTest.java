package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import com.exoquic.configurer.testing.ServerLog;
import com.exoquic.configurer.testing.SimulatedRds;
import com.exoquic.configurer.testing.SqlLexer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dry-run is the plan's own preview: what it prints is what migrate (and teardown) then send, statement for
 * statement, in order, full text and bound parameters, compared with the server's log (secrets masked on both
 * sides). On a fresh database that includes Flyway's own DDL for its history (schema, table, key, index), which the
 * preview shows first; Flyway's bookkeeping (its history rows, its locks, its session role) changes no object and is
 * in neither. And the report of each run states what a catalog read taken after it finds.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig({"log_statement = 'all'", WAL_LEVEL_REPLICA})
class PreviewMatchesExecutionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "exoquic-configurer";
    /** Statements that change something; reads of the catalog are not part of a preview. */
    private static final Pattern CHANGE = Pattern.compile(
            "^((ALTER|CREATE|DROP|GRANT|REVOKE|COMMENT|DO|SET|RESET)\\b|SELECT pg_catalog\\.pg_(create|drop|reload|terminate))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PASSWORD = Pattern.compile("PASSWORD '[^']*'");

    @Test
    void throughTheRestartThenANoOpAListChangeANewKeylessTableAndTeardown(PostgresServer server) throws Exception {
        server.createDatabase("shop");
        Catalog catalog = new Catalog(server, "shop");
        catalog.execute("CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.events (at timestamptz)");
        Map<String, String> env = Cli.env(server, "shop");

        // A fresh server: the first run stops for the restart, the second finishes what the preview deferred.
        JsonNode preview = dryRun(env);
        assertThat(preview.toString()).contains("(after the server restart)");
        assertThat(flywaysHistoryStatements(preview)).as("Flyway's DDL, first").satisfiesExactly(
                sql -> assertThat(sql).isEqualTo("CREATE SCHEMA \"exoquic\""),
                sql -> assertThat(sql).startsWith("CREATE TABLE \"exoquic\".\"flyway_schema_history\" ("),
                sql -> assertThat(sql).contains("ADD CONSTRAINT \"flyway_schema_history_pk\" PRIMARY KEY"),
                sql -> assertThat(sql).startsWith("CREATE INDEX \"flyway_schema_history_s_idx\""));
        int start = server.logLines().size();
        JsonNode first = migrate(env, 3);
        assertReportMatchesCatalog(first, catalog);
        server.restart();
        JsonNode second = migrate(env, 0);
        assertSameStatements(preview, sentSince(server, start));
        assertReportMatchesCatalog(second, catalog);

        // Nothing to do: an empty preview, and no change sent.
        assertThat(dryRun(env)).isEmpty();
        start = server.logLines().size();
        JsonNode noOp = migrate(env, 0);
        assertThat(changes(sentSince(server, start))).isEmpty();
        assertThat(noOp.get("status").asText()).isEqualTo("up_to_date");
        assertReportMatchesCatalog(noOp, catalog);

        env.put("TABLES_TO_CAPTURE", "orders, events");
        previewThenRun(server, env, catalog);

        catalog.execute("CREATE TABLE public.notes (txt text)");
        env.put("TABLES_TO_CAPTURE", "orders, events, notes");
        previewThenRun(server, env, catalog);
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'notes'")).isEqualTo("f");

        JsonNode teardownPlan = JSON.readTree(Cli.run(env, "teardown", "--json").out());
        start = server.logLines().size();
        Cli.Result teardown = Cli.run(env, "teardown", "--yes");
        assertThat(teardown.exit()).as(teardown.toString()).isZero();
        assertSameStatements(teardownPlan, sentSince(server, start));
    }

    @Test
    @ServerConfig({"log_statement = 'all'", "rds.logical_replication = '0'"})
    void aManagedProvidersAdminGetsWhatThePreviewShows(PostgresServer server) throws Exception {
        Map<String, String> env = SimulatedRds.setUp(server, "CREATE TABLE public.orders (id int PRIMARY KEY)",
                "CREATE TABLE public.events (at timestamptz)");
        env.put("TABLES_TO_CAPTURE", "orders,events");

        JsonNode preview = dryRun(env);
        assertThat(preview.toString()).contains("left to you", "rds.logical_replication");
        int start = server.logLines().size();
        JsonNode report = migrate(env, 3);
        List<ServerLog.Sent> sent = sentSince(server, start);
        List<String> expected = new ArrayList<>();
        for (JsonNode statement : preview) {
            if (!statement.get("step").asText().contains("(after the server restart)")) {
                expected.addAll(statementsOf(statement));
            }
        }
        assertThat(changes(sent)).containsExactlyElementsOf(expected);
        assertReportMatchesCatalog(report, new Catalog(server, "shop"));
    }

    private static void previewThenRun(PostgresServer server, Map<String, String> env, Catalog catalog) throws Exception {
        JsonNode preview = dryRun(env);
        assertThat(preview).isNotEmpty();
        int start = server.logLines().size();
        JsonNode report = migrate(env, 0);
        assertSameStatements(preview, sentSince(server, start));
        assertReportMatchesCatalog(report, catalog);
    }

    /** The previewed statements before the first of the tool's own steps. */
    private static List<String> flywaysHistoryStatements(JsonNode preview) {
        List<String> statements = new ArrayList<>();
        for (JsonNode statement : preview) {
            if (!statement.get("step").asText().equals("Flyway's history")) {
                break;
            }
            statements.add(statement.get("sql").asText());
        }
        return statements;
    }

    private static JsonNode dryRun(Map<String, String> env) throws Exception {
        Cli.Result result = Cli.run(env, "migrate", "--dry-run", "--json");
        assertThat(result.exit()).as(result.toString()).isZero();
        return JSON.readTree(result.out());
    }

    private static JsonNode migrate(Map<String, String> env, int exit) throws Exception {
        Cli.Result result = Cli.run(env, "migrate", "--json");
        assertThat(result.exit()).as(result.toString()).isEqualTo(exit);
        return JSON.readTree(result.out());
    }

    private static List<ServerLog.Sent> sentSince(PostgresServer server, int line) {
        List<String> lines = server.logLines();
        return ServerLog.statements(lines.subList(line, lines.size()), APP);
    }

    /** Every previewed statement was sent, in order, and nothing else that changes something. */
    private static void assertSameStatements(JsonNode preview, List<ServerLog.Sent> sent) {
        List<String> expected = new ArrayList<>();
        preview.forEach(statement -> expected.addAll(statementsOf(statement)));
        assertThat(changes(sent)).containsExactlyElementsOf(expected);
    }

    /** A previewed entry as the statements it sends, masked, each with its bound parameters. */
    private static List<String> statementsOf(JsonNode statement) {
        if (statement.get("sql").isNull()) {
            return List.of(); // an action that sends no SQL (the cloud registration)
        }
        List<String> parameters = new ArrayList<>();
        statement.get("parameters").forEach(parameter -> parameters.add(parameter.asText()));
        return SqlLexer.statements(statement.get("sql").asText()).stream()
                .map(sql -> masked(sql) + (parameters.isEmpty() ? "" : " " + parameters)).toList();
    }

    /**
     * What the tool's sessions sent that changes something, as sent, Flyway's DDL for its history included. Left out,
     * as the preview leaves them out: Flyway's bookkeeping, which changes no object (the rows it writes to its
     * history and its locks are no CHANGE; the session role it restores is filtered here).
     */
    private static List<String> changes(List<ServerLog.Sent> sent) {
        return sent.stream()
                .filter(statement -> CHANGE.matcher(withoutLeadingComments(statement.sql())).find())
                .filter(statement -> !statement.sql().startsWith("SET ROLE")) // Flyway restores the session's role
                .flatMap(statement -> SqlLexer.statements(statement.sql()).stream().map(sql -> masked(sql)
                        + (statement.parameters().isEmpty() ? "" : " " + statement.parameters())))
                .toList();
    }

    private static String withoutLeadingComments(String sql) {
        StringBuilder code = new StringBuilder();
        for (SqlLexer.Token token : SqlLexer.tokens(sql)) {
            if (token.kind() != SqlLexer.Kind.COMMENT || !code.toString().isBlank()) {
                code.append(token.raw());
            }
        }
        return code.toString().strip();
    }

    private static String masked(String sql) {
        return PASSWORD.matcher(sql).replaceAll("PASSWORD '********'");
    }

    /** The report says what the catalog holds after the run. */
    private static void assertReportMatchesCatalog(JsonNode report, Catalog catalog) {
        boolean restart = !"logical".equals(catalog.value("SHOW wal_level"));
        assertThat(report.get("status").asText().equals("restart_required")).as("restart required").isEqualTo(restart);
        List<String> keyless = new ArrayList<>();
        report.get("tablesWithoutPrimaryKey").forEach(table -> keyless.add(table.get("table").asText() + " "
                + table.get("replicaIdentity").asText()));
        assertThat(keyless).containsExactlyInAnyOrderElementsOf(catalog.column(
                "SELECT format('%I.%I', n.nspname, c.relname) || ' ' || CASE c.relreplident WHEN 'f' THEN 'full'"
                        + " WHEN 'i' THEN 'index' WHEN 'n' THEN 'nothing' ELSE 'default' END"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('exoquic', 'pg_catalog', 'information_schema')"
                        + " AND n.nspname !~ '^pg_' AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid"
                        + " AND i.indisprimary)"
                        + " AND (NOT EXISTS (SELECT 1 FROM pg_publication p WHERE NOT p.puballtables)"
                        + " OR EXISTS (SELECT 1 FROM pg_publication_tables t WHERE t.schemaname = n.nspname"
                        + " AND t.tablename = c.relname))").stream()
                .map(name -> name.replaceFirst("^(\\w+)\\.(\\w+)", "\"$1\".\"$2\"")).toList());
        boolean slot = catalog.value("SELECT count(*) FROM pg_replication_slots").equals("1");
        String slotOutcome = outcome(report, "replication slot");
        assertThat(slotOutcome.equals("SKIPPED")).as("slot reported " + slotOutcome).isEqualTo(!slot);
    }

    private static String outcome(JsonNode report, String step) {
        for (JsonNode each : report.get("steps")) {
            if (each.get("step").asText().equals(step)) {
                return each.get("outcome").asText();
            }
        }
        throw new AssertionError("no step '" + step + "' in " + report);
    }
}
