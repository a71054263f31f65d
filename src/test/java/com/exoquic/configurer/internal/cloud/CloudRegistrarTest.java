package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.cloud.FakeCloud.Answer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static com.exoquic.configurer.internal.cloud.TestSettings.API_KEY;
import static com.exoquic.configurer.internal.cloud.TestSettings.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("unit")
class CloudRegistrarTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private RegistrationResult register(FakeCloud cloud, Duration requestTimeout) {
        RegistrationRequest request = RegistrationRequest.from(TestSettings.load(cloud.url()));
        RetryPolicy retry = new RetryPolicy(3, RetryPolicy.defaults().backoff(), sleeps::add);
        CloudEndpoint endpoint = CloudEndpoint.of(TestSettings.load(cloud.url()).cloudUrl(), false);
        return new CloudRegistrar(endpoint, retry, Duration.ofSeconds(2), requestTimeout).register(request);
    }

    private RegistrationResult register(FakeCloud cloud) {
        return register(cloud, Duration.ofSeconds(5));
    }

    private ConfigurerException failure(FakeCloud cloud, Duration requestTimeout) {
        ConfigurerException e = catchThrowableOfType(ConfigurerException.class, () -> register(cloud, requestTimeout));
        assertThat(e).as("registration should fail").isNotNull();
        assertNoSecretIn(e);
        return e;
    }

    private static void assertNoSecretIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(API_KEY).doesNotContain("pa'ss");
            assertThat(t.toString()).doesNotContain(API_KEY).doesNotContain("pa'ss");
        }
    }

    @Test
    void putsTheContractRequest() throws Exception {
        try (FakeCloud cloud = new FakeCloud(Answer.of(201))) {
            RegistrationResult result = register(cloud);

            assertThat(result).isEqualTo(new RegistrationResult(201, 1));
            FakeCloud.Received sent = cloud.received().get(0);
            assertThat(sent.method()).isEqualTo("PUT");
            assertThat(sent.path()).isEqualTo("/api/v1/postgres/connection");
            assertThat(sent.header("Content-Type")).isEqualTo("application/json");
            assertThat(sent.header("x-api-key")).isEqualTo(API_KEY);
            assertThat(JSON.readTree(sent.body()))
                    .isEqualTo(JSON.readTree(RegistrationRequestTest.expectedJson(PASSWORD, API_KEY)));
        }
    }

    @Test
    void retriesA503ThenSucceeds() throws IOException {
        try (FakeCloud cloud = new FakeCloud(Answer.of(503), Answer.of(200))) {
            assertThat(register(cloud)).isEqualTo(new RegistrationResult(200, 2));
            assertThat(cloud.received()).hasSize(2);
            assertThat(sleeps).hasSize(1);
        }
    }

    @Test
    void honoursRetryAfterOn429() throws IOException {
        Answer tooMany = new Answer(429, "slow down", Map.of("Retry-After", "2"), 0);
        try (FakeCloud cloud = new FakeCloud(tooMany, Answer.of(200))) {
            assertThat(register(cloud).attempts()).isEqualTo(2);
            assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        }
    }

    @Test
    void rejectedKeyIsNotRetried() throws IOException {
        try (FakeCloud cloud = new FakeCloud(Answer.of(401, "{\"error\":\"bad key " + API_KEY + "\"}"))) {
            ConfigurerException e = failure(cloud, Duration.ofSeconds(5));

            assertThat(e.code()).isEqualTo(ErrorCode.CLOUD);
            assertThat(e).hasMessageContaining("the Exoquic API key was rejected (HTTP 401); check EXOQUIC_API_KEY");
            assertThat(cloud.received()).hasSize(1);
            assertThat(sleeps).isEmpty();
        }
    }

    @Test
    void aRejectedKeyWithAnAuthenticationChallengeIsReportedTheSameWay() throws IOException {
        Answer challenge = new Answer(401, "{\"error\":\"unauthorized\"}", Map.of("WWW-Authenticate", "Bearer realm=\"exoquic\""), 0);
        try (FakeCloud cloud = new FakeCloud(challenge)) {
            ConfigurerException e = failure(cloud, Duration.ofSeconds(5));

            assertThat(e.code()).isEqualTo(ErrorCode.CLOUD);
            assertThat(e).hasMessageContaining("the Exoquic API key was rejected (HTTP 401); check EXOQUIC_API_KEY");
            assertThat(cloud.received()).hasSize(1);
        }
    }

    @Test
    void aRedirectIsReportedAndNotFollowed() throws IOException {
        try (FakeCloud cloud = new FakeCloud()) {
            Answer redirect = new Answer(307, "", Map.of("Location", cloud.url() + "/elsewhere"), 0);
            try (FakeCloud redirecting = new FakeCloud(redirect)) {
                ConfigurerException e = failure(redirecting, Duration.ofSeconds(5));

                assertThat(e.code()).isEqualTo(ErrorCode.CLOUD);
                assertThat(e).hasMessageContaining("unexpected HTTP 307").hasMessageContaining("check EXOQUIC_CLOUD_URL");
                assertThat(redirecting.received()).hasSize(1);
                assertThat(cloud.received()).as("the secrets must not follow the redirect").isEmpty();
            }
        }
    }

    @Test
    void anInterruptEndsTheWaitForTheCloud() throws Exception {
        // The cloud would accept, but only after the run was interrupted (a fleet target's time is up).
        try (FakeCloud cloud = new FakeCloud(new Answer(200, "", Map.of(), 10_000))) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread run = new Thread(() -> {
                try {
                    register(cloud, Duration.ofSeconds(30));
                } catch (Throwable e) {
                    thrown.set(e);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            run.start();
            while (cloud.received().isEmpty() && run.isAlive()) {
                Thread.sleep(10);
            }
            run.interrupt();
            run.join();

            assertThat(thrown.get()).isInstanceOf(ConfigurerException.class).hasMessageContaining("interrupted");
            assertThat(((ConfigurerException) thrown.get()).code()).isEqualTo(ErrorCode.CLOUD);
            assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
            assertThat(cloud.received()).hasSize(1);
            assertNoSecretIn(thrown.get());
        }
    }

    @Test
    void badRequestReportsWhatTheServerSaidWithoutSecrets() throws IOException {
        String echo = "{\"error\":\"port unreachable\",\"echo\":" + JSON.writeValueAsString(PASSWORD)
                + ",\"raw\":\"" + PASSWORD + API_KEY + "\"}";
        try (FakeCloud cloud = new FakeCloud(Answer.of(400, echo))) {
            ConfigurerException e = failure(cloud, Duration.ofSeconds(5));

            assertThat(e.code()).isEqualTo(ErrorCode.CLOUD);
            assertThat(e).hasMessageContaining("HTTP 400").hasMessageContaining("port unreachable")
                    .hasMessageContaining("********");
            assertThat(cloud.received()).hasSize(1);
        }
    }

    @Test
    void logsNameTheTargetButNoSecret() throws IOException {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        String echo = "echo " + PASSWORD + " " + API_KEY;
        try (FakeCloud cloud = new FakeCloud(Answer.of(503, echo), Answer.of(200));
             java.io.PrintStream capture = new java.io.PrintStream(captured, true, "UTF-8")) {
            System.setErr(capture); // slf4j-simple, the test backend, writes to System.err
            register(cloud);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).contains("exo_repl@db.internal:6543/shop").contains("HTTP 503")
                .doesNotContain(API_KEY).doesNotContain("pa'ss");
    }

    @Test
    void longBodiesAreShortened() throws IOException {
        try (FakeCloud cloud = new FakeCloud(Answer.of(422, "x".repeat(5000)))) {
            ConfigurerException e = failure(cloud, Duration.ofSeconds(5));

            assertThat(e.getMessage()).contains("x".repeat(200)).doesNotContain("x".repeat(201));
        }
    }

    @Test
    void timeoutsAreRetriedThenFail() throws IOException {
        try (FakeCloud cloud = new FakeCloud(new Answer(200, "", Map.of(), 2000))) {
            ConfigurerException e = failure(cloud, Duration.ofMillis(200));

            assertThat(e.code()).isEqualTo(ErrorCode.CLOUD);
            assertThat(e).hasMessageContaining("3 attempt(s)").hasMessageContaining("timeout")
                    .hasMessageContaining("stays configured").hasMessageContaining("exoquic-configurer register");
            assertThat(sleeps).hasSize(2);
        }
    }

    @Test
    void persistentServerErrorsFailAfterAllAttempts() throws IOException {
        try (FakeCloud cloud = new FakeCloud(Answer.of(500, "boom"))) {
            ConfigurerException e = failure(cloud, Duration.ofSeconds(5));

            assertThat(e).hasMessageContaining("3 attempt(s)").hasMessageContaining("HTTP 500: boom");
            assertThat(cloud.received()).hasSize(3);
        }
    }

    @Test
    void connectionRefusalIsRetriedThenFails() throws IOException {
        FakeCloud cloud = new FakeCloud(Answer.of(200));
        cloud.close(); // the port is now closed: connections are refused
        ConfigurerException e = failure(cloud, Duration.ofSeconds(5));

        assertThat(e).hasMessageContaining("connection error").hasMessageContaining("3 attempt(s)");
        assertThat(sleeps).hasSize(2);
    }
}
