package com.exoquic.configurer.internal.fleet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a server's parameters are raised to, and when its targets are refused or must wait, from what was read. */
@Tag("unit")
class ServerStepTest {

    @Test
    void aFreshServerGetsLogicalAndASlotAndASenderPerTargetInOneGo() {
        ServerStep step = new ServerStep(facts("replica", 10, 10, true, Set.of(), Map.of(), 0), ours(200));
        assertThat(step.changes()).containsExactly("wal_level replica -> logical", "max_replication_slots 10 -> 200",
                "max_wal_senders 10 -> 200");
        assertThat(step.statements()).containsExactly("ALTER SYSTEM SET wal_level = 'logical'",
                "ALTER SYSTEM SET max_replication_slots = '200'", "ALTER SYSTEM SET max_wal_senders = '200'");
        assertThat(step.restartFor()).containsExactly("wal_level = logical", "max_replication_slots >= 200",
                "max_wal_senders >= 200");
        assertThat(step.refusal()).isNull();
        assertThat(step.slotsWaitForRestart()).as("no slot before the restart anyway").isFalse();
    }

    @Test
    void othersSlotsAndSendersCountAndFewTargetsStillGetFive() {
        Set<String> slots = Set.of(ServerFacts.slotKey("app", "debezium"), ServerFacts.slotKey(null, "standby"));
        ServerStep step = new ServerStep(facts("logical", 10, 10, true, slots, Map.of(), 2), ours(10));
        assertThat(step.changes()).containsExactly("max_replication_slots 10 -> 12", "max_wal_senders 10 -> 12");
        assertThat(step.slotsWaitForRestart()).as("wal_level is logical, but only 10 slots run").isTrue();

        ServerStep small = new ServerStep(facts("logical", 3, 3, true, Set.of(), Map.of(), 0), ours(1));
        assertThat(small.changes()).containsExactly("max_replication_slots 3 -> 5", "max_wal_senders 3 -> 5");
    }

    @Test
    void nothingIsLoweredAndWhatIsWrittenAlreadyIsNotWrittenAgain() {
        ServerStep enough = new ServerStep(facts("logical", 500, 500, true, Set.of(), Map.of(), 0), ours(200));
        assertThat(enough.statements()).isEmpty();
        assertThat(enough.restartFor()).isEmpty();

        ServerStep pending = new ServerStep(facts("replica", 10, 10, true, Set.of(),
                Map.of("wal_level", "logical", "max_replication_slots", "300", "max_wal_senders", "300"), 0), ours(200));
        assertThat(pending.statements()).as("written by an earlier run, waiting for the restart").isEmpty();
        assertThat(pending.restartFor()).containsExactly("wal_level = logical", "max_replication_slots >= 200",
                "max_wal_senders >= 200");
    }

    @Test
    void withoutAlterSystemTooFewFreeSlotsRefuseWithTheNumbersAndTheParameter() {
        Set<String> taken = IntStream.range(0, 8).mapToObj(i -> ServerFacts.slotKey("other", "s" + i))
                .collect(Collectors.toSet());
        ServerStep step = new ServerStep(facts("logical", 10, 20, false, taken, Map.of(), 0), ours(5));
        assertThat(step.statements()).isEmpty();
        assertThat(step.refusal()).contains("5 target(s) need a new replication slot", "max_replication_slots = 10 has 2 free",
                "raise max_replication_slots to at least 13", "AWS RDS");

        Set<String> oursWithSlots = ours(5);
        ServerStep haveThem = new ServerStep(facts("logical", 10, 20, false, union(taken, oursWithSlots), Map.of(), 0),
                oursWithSlots);
        assertThat(haveThem.refusal()).as("their slots exist already").isNull();
    }

    private static Set<String> ours(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> ServerFacts.slotKey("t" + i, "exoquic_t" + i))
                .collect(Collectors.toSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static ServerFacts facts(String walLevel, int slots, int senders, boolean alterSystem, Set<String> existing,
                                     Map<String, String> configured, int walSenders) {
        ServerFacts.Admin admin = new ServerFacts.Admin(17, false, "admin", alterSystem, alterSystem,
                alterSystem ? "self-hosted PostgreSQL" : "AWS RDS / Aurora", "set rds.logical_replication = 1 ...",
                walLevel, slots, senders);
        return new ServerFacts(admin, configured, existing, Set.of(), walSenders, "start port 5432");
    }
}
