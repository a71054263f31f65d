package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class RegistrationEndToEndTest {
    static final String API_KEY = "exo-key-Zq9";

    @Test
    void migrateEndsByRegisteringAndNeverPrintsTheKeyOrPassword(PostgresServer server) throws Exception {
        EndToEnd.walLevelLogical(server);
        server.createDatabase("shop");
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer cloud = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cloud.createContext("/api/v1/postgres/connection", exchange -> {
            bodies.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("x-api-key") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        cloud.start();
        try {
            Map<String, String> env = Cli.env(server, "shop");
            env.put("EXOQUIC_API_KEY", API_KEY);
            env.put("EXOQUIC_CLOUD_URL", "http://127.0.0.1:" + cloud.getAddress().getPort());

            Cli.Result dryRun = Cli.run(env, "migrate", "--dry-run");
            assertThat(dryRun.out()).contains("-- step: cloud registration", "register --dry-run shows the request");
            assertThat(bodies).isEmpty();

            Cli.Result result = Cli.run(env, "migrate");

            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.out()).contains("cloud registration", "HTTP 201");
            assertThat(bodies).hasSize(1);
            String request = bodies.get(0);
            assertThat(request).startsWith("PUT " + API_KEY + " ");
            JsonNode body = new ObjectMapper().readTree(request.substring(request.indexOf('{')));
            assertThat(body.get("password").asText()).isEqualTo(Cli.REPLICATION_PASSWORD);
            assertThat(body.get("replicationSlot").asText()).isEqualTo("exoquic_replication_slot");
            assertThat(body.get("port").asInt()).isEqualTo(server.port());
            for (Cli.Result each : List.of(dryRun, result)) {
                assertThat(each.out() + each.err()).doesNotContain(API_KEY).doesNotContain(Cli.REPLICATION_PASSWORD);
            }
        } finally {
            cloud.stop(0);
        }
    }

    @Test
    @Tag("unit") // no server: the class's other test asks for one
    void theRequestTimeoutSettingCutsASlowAnswerShortAndTheRetrySucceeds() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer cloud = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cloud.setExecutor(Executors.newCachedThreadPool());
        cloud.createContext("/api/v1/postgres/connection", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (requests.incrementAndGet() == 1) {
                sleep(Duration.ofSeconds(5)); // the first answer comes long after the 1 s timeout
            }
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        cloud.start();
        try {
            Map<String, String> env = new HashMap<>();
            env.put("PGHOST", "db.internal");
            env.put("EXOQUIC_API_KEY", API_KEY);
            env.put("EXOQUIC_REPLICATION_PASSWORD", Cli.REPLICATION_PASSWORD);
            env.put("EXOQUIC_CLOUD_URL", "http://127.0.0.1:" + cloud.getAddress().getPort());
            env.put("EXOQUIC_CLOUD_REQUEST_TIMEOUT", "1");

            Cli.Result result = Cli.run(env, "register");

            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.out()).contains("HTTP 201, 2 attempt(s)");
            assertThat(requests).hasValue(2);
        } finally {
            cloud.stop(0);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
