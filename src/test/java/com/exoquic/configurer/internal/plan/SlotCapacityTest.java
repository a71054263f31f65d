package com.exoquic.configurer.internal.plan;

import org.junit.jupiter.api.Tag;
import com.exoquic.configurer.api.Finding;
import com.exoquic.configurer.internal.postgres.CaptureRisks;
import com.exoquic.configurer.internal.postgres.Drift;
import com.exoquic.configurer.internal.postgres.Ownership;
import com.exoquic.configurer.internal.postgres.Provider;
import com.exoquic.configurer.internal.postgres.RoleState;
import com.exoquic.configurer.internal.postgres.ServerParameter;
import com.exoquic.configurer.internal.postgres.ServerSlots;
import com.exoquic.configurer.internal.postgres.ServerState;
import com.exoquic.configurer.internal.postgres.SessionAddress;
import com.exoquic.configurer.internal.postgres.SlotState;
import com.exoquic.configurer.internal.postgres.Snapshot;
import com.exoquic.configurer.internal.postgres.StoredPassword;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capacity check: from the numbers alone (as a run over many databases of a server would ask it), and for one
 * run, with the values the slot creation meets: the running ones, or those after the restart the run asks for.
 */
@Tag("unit")
class SlotCapacityTest {

    @Test
    void aFullServerIsRefusedNamingTheSettingAndWhatToRaiseItTo() {
        List<Finding> findings = SlotCapacity.check(10, 10, 10, 3, 1, 1, false);
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("slot-capacity");
            assertThat(finding.object()).isEqualTo("max_replication_slots");
            assertThat(finding.message()).contains("10 of max_replication_slots = 10 are in use",
                    "needs 1 more", "at least 11", "restart the server");
            assertThat(finding.fixSql()).isEqualTo("ALTER SYSTEM SET max_replication_slots = '11'");
        });
    }

    @Test
    void manySlotsAtOnceNeedRoomForAll() {
        assertThat(SlotCapacity.check(10, 4, 20, 0, 6, 6, false)).isEmpty();
        assertThat(SlotCapacity.check(10, 4, 20, 0, 7, 7, false)).singleElement()
                .satisfies(finding -> assertThat(finding.message()).contains("needs 7 more", "at least 11"));
    }

    @Test
    void walSendersAreCountedForTheConsumers() {
        assertThat(SlotCapacity.check(10, 1, 5, 5, 1, 1, false)).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("sender-capacity");
            assertThat(finding.message()).contains("no free WAL sender", "5 of max_wal_senders = 5 are in use",
                    "at least 6");
        });
    }

    @Test
    void aRecreatedSlotKeepsItsPlaceButItsConsumerNeedsASender() {
        assertThat(SlotCapacity.check(5, 5, 5, 4, 0, 1, false)).isEmpty();
        assertThat(SlotCapacity.check(5, 5, 5, 5, 0, 1, false)).extracting(Finding::code)
                .containsExactly("sender-capacity");
    }

    @Test
    void beforeTheRestartTheValuesAfterItCount() {
        // wal_level is not logical yet and the run raises max_replication_slots from 2 to 5: two slots in use leave room.
        Snapshot raised = snapshot("replica", 2, Map.of(), 2, null);
        assertThat(raised.server().restartNeeded()).isTrue();
        assertThat(SlotCapacity.of(raised, false)).isEmpty();
        // Already 10 after the restart (the configuration file says so), and 10 in use: no room, and it says when.
        Snapshot full = snapshot("replica", 10, Map.of("max_replication_slots", "10"), 10, null);
        assertThat(SlotCapacity.of(full, false)).singleElement()
                .satisfies(finding -> assertThat(finding.message()).contains("(its value after the restart)"));
        // A value lowered in the file waits for the restart: that one counts, not the running one.
        Snapshot lowered = snapshot("replica", 10, Map.of("max_replication_slots", "6"), 6, null);
        assertThat(SlotCapacity.of(lowered, false)).extracting(Finding::object).containsExactly("max_replication_slots");
    }

    @Test
    void withoutARestartTheRunningValuesCountEvenWhenTheRunRaisesThem() {
        // wal_level is logical: the slot is created in this run, before a restart could raise the 2 running slots.
        assertThat(SlotCapacity.of(snapshot("logical", 2, Map.of(), 2, null), false)).extracting(Finding::object)
                .containsExactly("max_replication_slots");
    }

    @Test
    void anExistingSlotNeedsNothingUnlessItIsRecreated() {
        SlotState lost = new SlotState("pgoutput", "logical", "shop", false, null, null, false, false, "lost", null,
                null, null, "0/1000000", "0/9000000");
        assertThat(SlotCapacity.of(snapshot("logical", 5, Map.of(), 5, lost), false)).isEmpty();
        assertThat(SlotCapacity.of(snapshot("logical", 5, Map.of(), 5, lost), true)).isEmpty();
    }

    private static Snapshot snapshot(String walLevel, int maxSlots, Map<String, String> configured, int slotsInUse,
                                     SlotState slot) {
        Map<String, ServerParameter> settings = Map.of(
                "wal_level", new ServerParameter("wal_level", walLevel, false),
                "max_replication_slots", new ServerParameter("max_replication_slots", Integer.toString(maxSlots), false),
                "max_wal_senders", new ServerParameter("max_wal_senders", "10", false));
        ServerState server = new ServerState(170011, "17.11", false, "postgres", "shop", true, true, true, Set.of(),
                settings);
        List<ServerSlots.Slot> slots = new ArrayList<>();
        for (int i = 0; i < slotsInUse; i++) {
            slots.add(new ServerSlots.Slot("other_" + i, "other", "logical", 1024L, null));
        }
        return new Snapshot(server, RoleState.missing(), null, slot, List.of(), List.of(), List.of(), List.of(),
                List.of(), configured, Provider.SELF_HOSTED, null, Ownership.none(), CaptureRisks.none(), Drift.none(),
                List.of(), StoredPassword.unreadable(), null, new SessionAddress(null, null, "shop"),
                new ServerSlots(slots, 0));
    }
}
