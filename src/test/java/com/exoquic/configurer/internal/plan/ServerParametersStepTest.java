package com.exoquic.configurer.internal.plan;

import org.junit.jupiter.api.Tag;
import com.exoquic.configurer.internal.postgres.ManagedParameter;
import com.exoquic.configurer.internal.postgres.ServerParameter;
import com.exoquic.configurer.internal.postgres.ServerState;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the run raises and when a restart is needed, from the one definition of the managed parameters. */
@Tag("unit")
class ServerParametersStepTest {

    private static ServerState running(String walLevel, String slots, String senders) {
        return new ServerState(170000, "17.0", false, "postgres", "shop", true, true, true, Set.of(), Map.of(
                "wal_level", new ServerParameter("wal_level", walLevel, false),
                "max_replication_slots", new ServerParameter("max_replication_slots", slots, false),
                "max_wal_senders", new ServerParameter("max_wal_senders", senders, false)));
    }

    @Test
    void aFreshServerGetsEveryParameterRaisedAndNeedsARestart() {
        ServerState server = running("replica", "0", "0");

        assertThat(ServerParametersStep.alterSystem(ServerParametersStep.changes(server))).containsExactly(
                "ALTER SYSTEM SET wal_level = 'logical'",
                "ALTER SYSTEM SET max_replication_slots = '5'",
                "ALTER SYSTEM SET max_wal_senders = '5'",
                "SELECT pg_catalog.pg_reload_conf()");
        assertThat(server.restartFor()).containsExactly("wal_level = logical", "max_replication_slots >= 1",
                "max_wal_senders >= 1");
    }

    @Test
    void higherValuesAreNeverLowered() {
        ServerState server = running("logical", "20", "4");

        assertThat(ServerParametersStep.changes(server)).extracting(ParameterChange::toString)
                .containsExactly("max_wal_senders: 4 -> 5");
        assertThat(server.restartNeeded()).as("a slot can exist with 4 senders").isFalse();
    }

    @Test
    void aConfiguredValueCountsOnlyWhenItIsWhatTheToolWrites() {
        assertThat(ManagedParameter.WAL_LEVEL.satisfiedBy("logical")).isTrue();
        assertThat(ManagedParameter.WAL_LEVEL.satisfiedBy("replica")).isFalse();
        assertThat(ManagedParameter.MAX_WAL_SENDERS.satisfiedBy("5")).isTrue();
        assertThat(ManagedParameter.MAX_WAL_SENDERS.satisfiedBy("4")).isFalse();
        assertThat(ManagedParameter.MAX_WAL_SENDERS.satisfiedBy("five")).isFalse();
        assertThat(ManagedParameter.MAX_WAL_SENDERS.satisfiedBy(null)).isFalse();
        assertThat(ManagedParameter.names()).containsExactly("wal_level", "max_replication_slots", "max_wal_senders");
    }
}
