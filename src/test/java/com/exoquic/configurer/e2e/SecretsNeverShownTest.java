package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Neither the replication password nor the API key shows in anything the tool prints (stdout, stderr, logs,
 * stack traces with --verbose, failures included), nor in the server log with every statement logged, nor in
 * the exoquic history, nor in the query texts pg_stat_activity shows while it runs.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig({"log_statement = 'all'", WAL_LEVEL_REPLICA})
class SecretsNeverShownTest {
    static final String API_KEY = "exo-api-K3y-9f7Qz";
    static final String DB = "shop";

    @Test
    void neitherThePasswordNorTheApiKeyShowsAnywhere(PostgresServer server) throws Exception {
        server.createDatabase(DB);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY)", "CREATE TABLE public.events (payload text)");

        // A cloud that answers with the given status and echoes the secrets it received, as a careless server might.
        AtomicInteger status = new AtomicInteger(201);
        HttpServer cloud = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cloud.createContext("/api/v1/postgres/connection", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String password = new ObjectMapper().readTree(body).get("password").asText();
            byte[] echo = ("key " + exchange.getRequestHeaders().getFirst("x-api-key") + " password " + password
                    + " body " + body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), echo.length);
            exchange.getResponseBody().write(echo);
            exchange.close();
        });
        cloud.start();
        Map<String, String> env = Cli.env(server, DB);
        env.put("EXOQUIC_API_KEY", API_KEY);
        env.put("EXOQUIC_CLOUD_URL", "http://127.0.0.1:" + cloud.getAddress().getPort());
        Map<String, String> wrongAdminPassword = new HashMap<>(env);
        wrongAdminPassword.put("PGPASSWORD", "not-the-admin-password");

        List<Cli.Result> results = new ArrayList<>();
        Set<String> queries = ConcurrentHashMap.newKeySet();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (QueryWatcher watcher = QueryWatcher.start(server, queries)) {
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            results.add(expect(0, Cli.run(env, "migrate", "--dry-run", "--verbose")));
            results.add(expect(3, Cli.run(env, "migrate", "--verbose")));
            results.add(expect(2, Cli.run(wrongAdminPassword, "migrate", "--verbose")));
            server.restart();
            status.set(500);
            results.add(expect(1, Cli.run(env, "migrate", "--verbose")));
            status.set(401);
            results.add(expect(1, Cli.run(env, "register", "--verbose")));
            status.set(201);
            results.add(expect(0, Cli.run(env, "migrate", "--verbose", "--json")));
            results.add(expect(0, Cli.run(env, "register", "--dry-run", "--verbose")));
            results.add(expect(0, Cli.run(env, "register", "--verbose")));
            results.add(expect(0, Cli.run(env, "validate", "--verbose")));
            results.add(expect(0, Cli.run(env, "info", "--verbose")));
            results.add(expect(0, Cli.run(env, "status", "--verbose")));
        } finally {
            System.setErr(originalErr);
            cloud.stop(0);
        }

        assertThat(results.get(3).err()).as("the failure shows what the cloud said, masked")
                .contains("HTTP 500", "********");
        assertThat(results.get(4).err()).contains("API key was rejected");
        for (Cli.Result each : results) {
            assertNoSecret("tool output\n" + each, each.out() + each.err());
        }
        assertThat(logs.toString(StandardCharsets.UTF_8)).as("the tool's logs were captured")
                .contains("Registration attempt 1 of 5 failed (HTTP 500");
        assertNoSecret("the tool's logs on stderr", logs.toString(StandardCharsets.UTF_8));

        List<String> log = server.logLines();
        assertThat(log).as("log_statement = 'all' logged the tool's statements")
                .anyMatch(line -> line.contains("app=exoquic-configurer") && line.contains("statement:"));
        assertThat(log).as("the password was set, as a verifier hashed on the client")
                .anyMatch(line -> line.contains("PASSWORD 'SCRAM-SHA-256$"));
        assertNoSecret("server log", String.join("\n", log));

        assertNoSecret("exoquic history", String.join("\n", catalog.column(
                "SELECT description || ' ' || script FROM exoquic.flyway_schema_history")));

        assertThat(queries).as("pg_stat_activity was watched while the tool ran").hasSizeGreaterThan(5);
        assertNoSecret("pg_stat_activity queries", String.join("\n", queries));
    }

    private static Cli.Result expect(int exit, Cli.Result result) {
        assertThat(result.exit()).as(result.toString()).isEqualTo(exit);
        return result;
    }

    private static void assertNoSecret(String where, String text) {
        assertThat(text).as(where)
                .doesNotContain(Cli.REPLICATION_PASSWORD).doesNotContain("ünï-42").doesNotContain("Rep'l")
                .doesNotContain(API_KEY).doesNotContain("K3y-9f7Qz");
    }

    /** Records the query text of every backend of the tool, polling pg_stat_activity every few milliseconds. */
    private static final class QueryWatcher implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private QueryWatcher(PostgresServer server, Set<String> queries) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                        while (running.get()) {
                            try (ResultSet rs = statement.executeQuery("SELECT query FROM pg_stat_activity"
                                    + " WHERE application_name = 'exoquic-configurer'")) {
                                while (rs.next()) {
                                    queries.add(rs.getString(1));
                                }
                            }
                            Thread.sleep(2);
                        }
                    } catch (SQLException serverRestarting) {
                        pause();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "pg_stat_activity watcher");
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static QueryWatcher start(PostgresServer server, Set<String> queries) {
            QueryWatcher watcher = new QueryWatcher(server, queries);
            watcher.thread.start();
            return watcher;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }
}
