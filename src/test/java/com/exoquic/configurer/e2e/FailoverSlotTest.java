package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** --failover-slot: a failover slot on PostgreSQL 17+, a clear refusal before 17. */
class FailoverSlotTest {

    private static Map<String, String> logicalServer(PostgresServer server) {
        EndToEnd.walLevelLogical(server);
        server.createDatabase("shop");
        return Cli.env(server, "shop");
    }

    @Test
    void createsAFailoverSlotOnPostgres17() {
        try (PostgresServer server = PostgresServers.start(17, List.of())) {
            Map<String, String> env = logicalServer(server);
            Cli.Result result = Cli.run(env, "migrate", "--failover-slot");
            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(new Catalog(server, "shop").value(
                    "SELECT failover::text FROM pg_replication_slots WHERE slot_name = 'exoquic_replication_slot'"))
                    .isEqualTo("true");
        }
    }

    @Test
    void refusesTheOptionBefore17AndChangesNothing() {
        try (PostgresServer server = PostgresServers.start(16, List.of())) {
            Map<String, String> env = logicalServer(server);
            env.put("EXOQUIC_FAILOVER_SLOT", "true");
            Cli.Result result = Cli.run(env, "migrate");
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err()).contains("EXOQUIC_FAILOVER_SLOT", "needs PostgreSQL 17", "16.");
            Catalog catalog = new Catalog(server, "shop");
            assertThat(catalog.column("SELECT slot_name FROM pg_replication_slots")).isEmpty();
            assertThat(catalog.column("SELECT nspname FROM pg_namespace WHERE nspname = 'exoquic'")).isEmpty();
        }
    }
}
