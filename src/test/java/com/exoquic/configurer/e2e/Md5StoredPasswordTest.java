package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL 12 with password_encryption = md5 (13 too; 14 moved to SCRAM) stores a password set in SQL as
 * {@code md5(password || rolname)}: the configured password is recognised in that form (issue 20, item 8), so an
 * existing role whose password already is the configured one is not refused as having "another password" and keeps
 * its verifier; another password is still refused.
 */
class Md5StoredPasswordTest {
    private static final String PASSWORD = "the-consumers-pw ü";

    @Test
    void anMd5VerifierOfTheSamePasswordIsTheSamePassword() {
        try (PostgresServer server = PostgresServers.start(12, List.of("wal_level = logical",
                "password_encryption = md5"))) {
            server.createDatabase("shop");
            Catalog catalog = new Catalog(server, "shop");
            catalog.execute("CREATE TABLE public.orders (id int PRIMARY KEY)",
                    "CREATE ROLE " + ROLE + " LOGIN REPLICATION PASSWORD '" + PASSWORD + "'");
            String verifier = catalog.value("SELECT rolpassword FROM pg_authid WHERE rolname = '" + ROLE + "'");
            assertThat(verifier).startsWith("md5");
            Map<String, String> env = Cli.env(server, "shop");

            env.put("EXOQUIC_REPLICATION_PASSWORD", "another-pw");
            Cli.Result refused = Cli.run(env, "migrate");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).contains("already exists with another password");

            env.put("EXOQUIC_REPLICATION_PASSWORD", PASSWORD);
            Cli.Result same = EndToEnd.migrate(env);
            assertThat(same.out()).contains("replication password: unchanged").doesNotContain("another password");
            assertThat(catalog.value("SELECT rolpassword FROM pg_authid WHERE rolname = '" + ROLE + "'"))
                    .as("left as it was").isEqualTo(verifier);
        }
    }
}
