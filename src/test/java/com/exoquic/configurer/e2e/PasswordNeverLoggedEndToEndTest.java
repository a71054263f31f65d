package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static com.exoquic.configurer.e2e.EndToEnd.assertPasswordNeverLogged;
import static com.exoquic.configurer.e2e.EndToEnd.migrate;
import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server logs every statement; across every kind of run, neither the replication password nor a new one shows. */
@ExtendWith(PostgresExtension.class)
@ServerConfig({"log_statement = 'all'", WAL_LEVEL_REPLICA})
class PasswordNeverLoggedEndToEndTest {
    static final String DB = "shop";
    static final String NEW_PASSWORD = "n3w-Rot4ted 'pw' ; $$ ß";

    @Test
    void noRunLogsTheReplicationPassword(PostgresServer server) throws SQLException {
        server.createDatabase(DB);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute(
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric)",
                "CREATE TABLE public.events (at timestamptz, payload text)");
        Map<String, String> env = Cli.env(server, DB);

        assertThat(Cli.run(env, "migrate", "--dry-run").exit()).isZero();
        Cli.Result beforeRestart = Cli.run(env, "migrate");
        assertThat(beforeRestart.exit()).as(beforeRestart.toString()).isEqualTo(3);
        server.restart();
        migrate(env);
        env.put("TABLES_TO_CAPTURE", "orders");
        migrate(env);
        env.put("TABLES_TO_CAPTURE", "orders,events");
        migrate(env);
        env.remove("TABLES_TO_CAPTURE");
        migrate(env);
        assertPasswordNeverLogged(server);

        env.put("EXOQUIC_REPLICATION_PASSWORD", NEW_PASSWORD);
        Cli.Result refused = Cli.run(env, "migrate");
        assertThat(refused.exit()).as("changing the password is explicit: " + refused).isEqualTo(2);
        Cli.Result rotated = Cli.run(env, "migrate", "--rotate-replication-password");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertThat(rotated.out()).containsPattern("\\[done\\] +replication password");
        try (var connection = server.connect(DB, ROLE, NEW_PASSWORD)) {
            assertThat(connection.isValid(2)).isTrue();
        }
        assertThatThrownBy(() -> server.connect(DB, ROLE, Cli.REPLICATION_PASSWORD).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");

        assertPasswordNeverLogged(server);
        assertThat(String.join("\n", server.logLines())).doesNotContain(NEW_PASSWORD).doesNotContain("n3w-Rot4ted");
    }
}
