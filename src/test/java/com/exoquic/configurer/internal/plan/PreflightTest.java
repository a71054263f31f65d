package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.config.SettingsLoader;
import com.exoquic.configurer.internal.postgres.Provider;
import com.exoquic.configurer.internal.postgres.RoleState;
import com.exoquic.configurer.internal.postgres.ServerParameter;
import com.exoquic.configurer.internal.postgres.ServerState;
import com.exoquic.configurer.internal.postgres.Snapshot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Version rules of preflight, for versions the test harness has no server build of (older than 12). */
@Tag("unit")
class PreflightTest {
    private final Preflight preflight = new Preflight();

    private static Snapshot snapshotOf(int versionNum, String version) {
        Map<String, ServerParameter> parameters = Map.of(
                "wal_level", new ServerParameter("wal_level", "logical", false),
                "max_replication_slots", new ServerParameter("max_replication_slots", "10", false),
                "max_wal_senders", new ServerParameter("max_wal_senders", "10", false));
        ServerState server = new ServerState(versionNum, version, false, "postgres", "shop", true, true, true, Set.of(), parameters);
        return new Snapshot(server, RoleState.missing(), null, null, List.of(), List.of(), List.of(), List.of(),
                List.of(), Map.of(), Provider.SELF_HOSTED, null);
    }

    private static Settings settings(Map<String, String> env) {
        return SettingsLoader.load(Map.of(), env, Set.of());
    }

    @Test
    void refusesServersOlderThan12NamingTheVersion() {
        assertThat(preflight.problems(settings(Map.of()), snapshotOf(110022, "11.22")))
                .singleElement().asString().contains("PostgreSQL 11.22 is not supported", "12 or newer");
        assertThat(preflight.problems(settings(Map.of()), snapshotOf(120022, "12.22"))).isEmpty();
    }

    @Test
    void failoverSlotsNeed17() {
        Settings failover = settings(Map.of("EXOQUIC_FAILOVER_SLOT", "true"));
        assertThat(preflight.problems(failover, snapshotOf(160015, "16.15")))
                .singleElement().asString().contains("needs PostgreSQL 17", "16.15");
        assertThat(preflight.problems(failover, snapshotOf(170011, "17.11"))).isEmpty();
    }
}
