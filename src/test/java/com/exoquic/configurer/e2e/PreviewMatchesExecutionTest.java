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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dry-run and the real run come from the same plan: every previewed statement is sent, in that order. */
@ExtendWith(PostgresExtension.class)
@ServerConfig("log_statement = 'all'")
class PreviewMatchesExecutionTest {

    @Test
    void everyPreviewedStatementIsSentInOrder(PostgresServer server) throws Exception {
        server.execute("postgres", "ALTER SYSTEM SET wal_level = logical");
        server.restart();
        server.createDatabase("shop");
        new Catalog(server, "shop").execute("CREATE TABLE public.events (at timestamptz)",
                "CREATE TABLE public.orders (id int PRIMARY KEY)");
        Map<String, String> env = Cli.env(server, "shop");

        JsonNode preview = new ObjectMapper().readTree(Cli.run(env, "migrate", "--dry-run", "--json").out());
        int logStart = server.logLines().size();
        assertThat(Cli.run(env, "migrate").exit()).isZero();
        List<String> sentLog = server.logLines().subList(logStart, server.logLines().size());
        String sent = String.join("\n", sentLog);

        List<String> firstLines = new ArrayList<>();
        for (JsonNode statement : preview) {
            if (statement.get("sql").isNull()) {
                continue; // an action that sends no SQL (the cloud registration)
            }
            String sql = statement.get("sql").asText();
            if (sql.startsWith("ALTER USER")) {
                // the real statement carries the client-computed SCRAM verifier instead of the mask
                firstLines.add("ALTER USER \"exoquic_replication\" PASSWORD 'SCRAM-SHA-256$");
            } else if (!sql.startsWith("--")) {
                firstLines.add(sql.lines().filter(line -> !line.startsWith("--")).findFirst().orElseThrow().strip());
            }
        }
        assertThat(firstLines).hasSizeGreaterThan(8);
        int position = 0;
        for (String line : firstLines) {
            int found = sent.indexOf(line.replace("?", ""), position);
            assertThat(found).as("previewed statement sent after the previous one: " + line).isGreaterThanOrEqualTo(0);
            position = found;
        }
    }
}
