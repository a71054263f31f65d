package com.exoquic.configurer.e2e;

import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.ExoquicFleet;
import com.exoquic.configurer.api.FleetOutcome;
import com.exoquic.configurer.api.FleetReport;
import com.exoquic.configurer.api.TargetResult;
import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Targets from a query and from a command, chosen by labels; the dry-run and validate change nothing; a server whose
 * parameters the admin may not raise refuses the targets it has no slot for, before any change; and the library
 * API, where a server running too few slots raises them and its targets wait for the restart.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig({"wal_level = logical", "max_replication_slots = 4", "max_wal_senders = 4"})
class FleetSourcesTest {
    @TempDir
    Path dir;

    @Test
    void targetsFromAQueryAndACommandChosenByLabelsAndNothingChanges(PostgresServer server) {
        Fleet.tenants(server, "q", 4);
        Map<String, String> env = Cli.env(server, "postgres");
        Cli.Result plan = Cli.run(env, "fleet", "migrate", "--dry-run", "--targets-query",
                "SELECT datname, CASE datname WHEN 'q_3' THEN 'gold' ELSE 'free' END AS tier FROM pg_database"
                        + " WHERE datname LIKE 'q\\_%' ORDER BY 1", "--selector", "tier=free");

        assertThat(plan.exit()).as(plan.toString()).isZero();
        String here = server.host() + ":" + server.port();
        assertThat(plan.out()).contains(here + ": 3 databases; would set max_replication_slots 4 -> 5",
                "postgres://" + here + "/q_1: ", "statement(s) to send").doesNotContain("/q_3");
        assertThat(plan.out().lines().filter(line -> line.contains("statement(s) to send"))).hasSize(3);

        Cli.Result validate = Cli.run(env, "fleet", "validate", "--targets-command",
                "printf '%s\\n' " + Fleet.url(server, "q_1") + " " + Fleet.url(server, "q_2"));
        assertThat(validate.exit()).as(validate.toString()).isZero();
        assertThat(validate.out()).contains("fleet validate: 2 target(s)", "2 done");

        Catalog postgres = new Catalog(server, "postgres");
        assertThat(postgres.column("SELECT rolname FROM pg_roles WHERE rolname = 'exoquic_replication'")).isEmpty();
        assertThat(postgres.value("SHOW max_replication_slots")).isEqualTo("4");
        assertThat(postgres.column("SELECT 1 FROM pg_file_settings WHERE name = 'max_replication_slots'"
                + " AND sourcefile LIKE '%auto.conf'")).isEmpty();
    }

    @Test
    void withoutAlterSystemTargetsThatNeedASlotTheServerLacksAreRefusedBeforeAnyChange(PostgresServer server) {
        server.execute("postgres", "CREATE ROLE fleet_admin LOGIN PASSWORD 'admin-pw'");
        List<String> lines = new ArrayList<>();
        for (String tenant : Fleet.tenants(server, "r", 5)) {
            lines.add("postgres://fleet_admin:admin-pw@" + server.host() + ":" + server.port() + "/" + tenant);
        }
        Cli.Result result = Cli.run(Fleet.env(server), "fleet", "migrate", "--targets",
                Fleet.targets(dir, lines).toString());

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("5 failed", "PREFLIGHT",
                "5 target(s) need a new replication slot and a WAL sender, but max_replication_slots = 4 has 4 free;"
                        + " 'fleet_admin' may not run ALTER SYSTEM here (self-hosted PostgreSQL): raise"
                        + " max_replication_slots to at least 5");
        assertThat(new Catalog(server, "r_1").column("SELECT pubname FROM pg_publication")).isEmpty();
        assertThat(new Catalog(server, "postgres").column("SELECT rolname FROM pg_roles WHERE rolname = 'exoquic_replication'"))
                .isEmpty();
    }

    @Test
    void theLibraryRaisesTooFewSlotsOnceAndItsTargetsWaitForTheRestart(PostgresServer server) {
        List<String> tenants = Fleet.tenants(server, "lib", 2);
        ExoquicFleet.Builder builder = ExoquicFleet.configure()
                .defaults(ExoquicConfigurer.configure().replicationPassword("library-pw")
                        .set("EXOQUIC_CONNECT_ATTEMPTS", "1"))
                .parallelism(2);
        tenants.forEach(tenant -> builder.target(Fleet.url(server, tenant)));
        ExoquicFleet fleet = builder.load();

        FleetReport before = fleet.migrate();
        assertThat(before.exitCode()).isEqualTo(3);
        assertThat(before.servers()).singleElement().satisfies(result -> {
            assertThat(result.changes()).containsExactly("max_replication_slots 4 -> 5", "max_wal_senders 4 -> 5");
            assertThat(result.restartNeeded()).isEqualTo(2);
        });
        assertThat(before.targets()).allSatisfy(target -> {
            assertThat(target.outcome()).isEqualTo(FleetOutcome.RESTART_NEEDED);
            assertThat(target.message()).contains("waits for the restart");
        });

        server.restart();
        FleetReport after = fleet.migrate();
        assertThat(after.exitCode()).isZero();
        assertThat(after.targets()).extracting(TargetResult::outcome).containsOnly(FleetOutcome.DONE);
        assertThat(after.targets()).allSatisfy(target ->
                assertThat(target.migration().connection().slot()).isEqualTo("exoquic_" + target.target().replaceAll(".*/", "")));
        assertThat(new Catalog(server, "postgres").value("SELECT count(*) FROM pg_replication_slots")).isEqualTo("2");
    }
}
