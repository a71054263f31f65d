package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection failures through the CLI: what no retry can fix fails at once (exit 2) with the fix, naming host,
 * port, user, database and sslmode but never the password; a refused connection is retried with a line per
 * attempt. The time bounds only catch the retry loop (about 8.5 s over 5 attempts), not slowness.
 */
@ExtendWith(PostgresExtension.class)
class ConnectionFailureTest {
    private static final String WRONG_PASSWORD = "wr0ng-Secret-77";
    private static final Duration NO_RETRY = Duration.ofSeconds(5);
    private final PostgresServer server;

    ConnectionFailureTest(PostgresServer server) {
        this.server = server;
    }

    @BeforeAll
    static void shop(PostgresServer server) {
        server.createDatabase("shop");
    }

    @Test
    void aWrongPasswordFailsAtOnceNamingTheTargetButNotThePassword() {
        Timed run = migrate(env(Map.of("PGPASSWORD", WRONG_PASSWORD)));

        assertFailsAtOnceWithExitTwo(run, "sslmode prefer");
        assertThat(run.result().err()).contains("password was refused", "PGPASSWORD");
    }

    @Test
    void aRoleThatMayNotLogInFailsAtOnce() {
        server.execute("postgres", "DO $$ BEGIN CREATE ROLE no_login PASSWORD 'no-login-pw'; EXCEPTION WHEN duplicate_object THEN END $$");
        Timed run = migrate(env(Map.of("PGUSER", "no_login", "PGPASSWORD", "no-login-pw")));

        assertThat(run.result().exit()).as(run.result().toString()).isEqualTo(2);
        assertThat(run.result().err()).contains("user no_login", "may log in").doesNotContain("no-login-pw");
        assertThat(run.elapsed()).isLessThan(NO_RETRY);
    }

    @Test
    void sslThatTheServerLacksFailsAtOnce() {
        Timed run = migrate(env(Map.of("PGSSLMODE", "require")));

        assertFailsAtOnceWithExitTwo(run, "sslmode require");
        assertThat(run.result().err()).contains("does not accept SSL", "PGSSLMODE");
    }

    @Test
    void anUnknownHostFailsAtOnce() {
        Timed run = migrate(env(Map.of("PGHOST", "no-such-host.invalid")));

        assertThat(run.result().exit()).as(run.result().toString()).isEqualTo(2);
        assertThat(run.result().err()).contains("host no-such-host.invalid", "is unknown", "PGHOST")
                .doesNotContain(PostgresServer.SUPERUSER_PASSWORD);
        assertThat(run.elapsed()).isLessThan(NO_RETRY);
    }

    @Test
    void aMissingPasswordFailsAtOnceSayingSo() {
        Map<String, String> env = env(Map.of());
        env.remove("PGPASSWORD");
        Timed run = migrate(env);

        assertFailsAtOnceWithExitTwo(run, "sslmode prefer");
        assertThat(run.result().err()).contains("none was given", "PGPASSWORD");
    }

    @Test
    void aDatabaseThatDoesNotExistFailsAtOnce() {
        Timed run = migrate(env(Map.of("PGDATABASE", "no_such_db")));

        assertThat(run.result().exit()).as(run.result().toString()).isEqualTo(2);
        assertThat(run.result().err()).contains("database no_such_db", "does not exist", "PGDATABASE")
                .doesNotContain(PostgresServer.SUPERUSER_PASSWORD);
        assertThat(run.elapsed()).isLessThan(NO_RETRY);
    }

    @Test
    void aRefusedConnectionIsRetriedWithALinePerAttemptInTheCliFormat() throws Exception {
        Timed run = migrate(env(Map.of("PGPORT", Integer.toString(freePort()), "EXOQUIC_CONNECT_ATTEMPTS", "2")));

        assertThat(run.result().exit()).as(run.result().toString()).isEqualTo(1);
        assertThat(run.result().err()).contains("attempt 1 of 2, retrying in 0.5 s", "tried 2 time(s)")
                .doesNotContain("WARN", "[main]", "com.exoquic", PostgresServer.SUPERUSER_PASSWORD);
        assertThat(run.result().err().lines().filter(line -> line.contains("attempt "))).hasSize(1);
    }

    private void assertFailsAtOnceWithExitTwo(Timed run, String sslMode) {
        assertThat(run.result().exit()).as(run.result().toString()).isEqualTo(2);
        assertThat(run.result().err()).contains("host " + server.host(), "port " + server.port(),
                        "user " + PostgresServer.SUPERUSER, "database shop", sslMode)
                .doesNotContain(WRONG_PASSWORD, PostgresServer.SUPERUSER_PASSWORD);
        assertThat(run.elapsed()).isLessThan(NO_RETRY);
    }

    /** The test server, with five connection attempts: a failure that is retried would take about 8.5 s. */
    private Map<String, String> env(Map<String, String> overrides) {
        Map<String, String> env = Cli.env(server, "shop");
        env.put("EXOQUIC_CONNECT_ATTEMPTS", "5");
        env.putAll(overrides);
        return env;
    }

    private static Timed migrate(Map<String, String> env) {
        long start = System.nanoTime();
        Cli.Result result = Cli.run(env, "migrate");
        return new Timed(result, Duration.ofNanos(System.nanoTime() - start));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Timed(Cli.Result result, Duration elapsed) {
    }
}
