package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Cli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration that no server could make right is refused before the tool connects, so these tests need no
 * server: the target is a port where nothing listens, and a run that tried to connect would end with exit 1 (the
 * server is unreachable) instead of exit 2 naming the setting. Nothing can have changed.
 */
@Tag("unit")
class RefusedBeforeConnectingTest {

    @Test
    void withoutABadValueTheRunConnectsAndFindsNoServer() {
        Cli.Result result = Cli.run(noServer(), "migrate");
        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("PGHOST and PGPORT");
    }

    @Test
    void reservedAndSpacedNamesAreRefusedBeforeConnecting() {
        for (String role : List.of("public", "none", "pg_exo", "exoquic_replication ")) {
            Cli.Result result = refused(env -> env.put("EXOQUIC_REPLICATION_USER", role));
            assertThat(result.err()).contains("EXOQUIC_REPLICATION_USER");
        }
        Cli.Result result = refused(env -> env.put("EXOQUIC_PUBLICATION_NAME", "p\n"));
        assertThat(result.err()).contains("white space", "\\u000a");
        Cli.Result longName = refused(env -> env.put("EXOQUIC_PUBLICATION_NAME", "x".repeat(10_000)));
        assertThat(longName.err().length()).isLessThan(2_000);
    }

    @Test
    void aBlankPasswordIsCalledBlankNotMissing() {
        Cli.Result result = refused(env -> env.put("EXOQUIC_REPLICATION_PASSWORD", "   "));
        assertThat(result.err()).contains("EXOQUIC_REPLICATION_PASSWORD holds only white space")
                .doesNotContain("is not set");
    }

    @Test
    void aDatabaseUrlWhosePortIsNotANumberSaysSo() {
        Map<String, String> env = noServer();
        env.put("DATABASE_URL", "postgres://u:p@localhost:notaport/shop");
        Cli.Result result = Cli.run(env, "migrate");

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("port in the URL is not a number").doesNotContain("no host");
    }

    /** Runs validate and migrate: both refuse (exit 2) without a stack trace. */
    private static Cli.Result refused(Consumer<Map<String, String>> change) {
        Map<String, String> env = noServer();
        change.accept(env);
        Cli.Result validate = Cli.run(env, "validate");
        assertThat(validate.exit()).as("validate: " + validate).isEqualTo(2);
        Cli.Result result = Cli.run(env, "migrate");
        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).doesNotContain("\tat ");
        return result;
    }

    /** An environment as a test server's, pointing at port 1 where nothing listens (one connection attempt). */
    private static Map<String, String> noServer() {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", "1");
        env.put("PGUSER", "postgres");
        env.put("PGPASSWORD", "no-server-pw");
        env.put("PGDATABASE", "shop");
        env.put("EXOQUIC_REPLICATION_PASSWORD", Cli.REPLICATION_PASSWORD);
        env.put("EXOQUIC_CONNECT_ATTEMPTS", "1");
        return env;
    }
}
