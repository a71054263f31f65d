package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Finding;
import com.exoquic.configurer.internal.postgres.FindingCode;
import com.exoquic.configurer.internal.postgres.AlterSystem;
import com.exoquic.configurer.internal.postgres.ManagedParameter;
import com.exoquic.configurer.internal.postgres.ServerParameter;
import com.exoquic.configurer.internal.postgres.ServerSlots;
import com.exoquic.configurer.internal.postgres.ServerState;
import com.exoquic.configurer.internal.postgres.Snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the server has a free replication slot for each slot a run creates and a free WAL sender for each consumer
 * that will stream from one, counting what others use. {@link #check} takes only the numbers, so a run over many
 * databases of one server can ask once for all the slots it creates there.
 */
public final class SlotCapacity {
    static final String SLOTS = "max_replication_slots";
    static final String SENDERS = "max_wal_senders";

    private SlotCapacity() {
    }

    /**
     * What is short, as findings naming the setting to raise and to what.
     *
     * @param maxSlots      max_replication_slots as it will be when the slots are created
     * @param slotsInUse    slots that exist on the server (every database, every kind)
     * @param maxSenders    max_wal_senders as it will be when the consumers connect
     * @param sendersInUse  WAL senders running now (standbys, backups, other consumers)
     * @param newSlots      slots the run creates (a slot it recreates already counts in {@code slotsInUse})
     * @param newSenders    consumers that will stream from the run's slots
     * @param afterRestart  the values are those the server takes at its next restart
     */
    public static List<Finding> check(int maxSlots, int slotsInUse, int maxSenders, int sendersInUse,
                                      int newSlots, int newSenders, boolean afterRestart) {
        List<Finding> findings = new ArrayList<>();
        if (newSlots > 0 && slotsInUse + newSlots > maxSlots) {
            findings.add(shortfall(SLOTS, "replication slot", maxSlots, slotsInUse, newSlots, afterRestart,
                    "the new slot(s)"));
        }
        if (newSenders > 0 && sendersInUse + newSenders > maxSenders) {
            findings.add(shortfall(SENDERS, "WAL sender", maxSenders, sendersInUse, newSenders, afterRestart,
                    "the consumer(s) of the new slot(s)"));
        }
        return findings;
    }

    /** The check for one run on one database: its slot, unless it exists (a recreated one keeps its place). */
    static List<Finding> of(Snapshot snapshot, boolean recreate) {
        boolean creates = snapshot.slot() == null;
        if (!creates && !recreate) {
            return List.of();
        }
        ServerState server = snapshot.server();
        ServerSlots slots = snapshot.serverSlots();
        boolean afterRestart = server.restartNeeded();
        return check(value(snapshot, SLOTS, afterRestart), slots.slots().size(),
                value(snapshot, SENDERS, afterRestart), slots.walSenders(), creates ? 1 : 0, 1, afterRestart);
    }

    /**
     * The value the slot creation meets: the running one, or, when the slot waits for a restart, the one the server
     * takes then: what the configuration files hold, raised to the minimum where this run raises it.
     */
    private static int value(Snapshot snapshot, String name, boolean afterRestart) {
        ServerParameter setting = snapshot.server().parameter(name);
        int running = number(setting.running(), 0);
        if (!afterRestart) {
            return running;
        }
        int value = number(snapshot.configuredParameters().get(name), running);
        boolean raised = snapshot.server().alterSystemAllowed() && running < ManagedParameter.MIN_SLOTS_AND_SENDERS
                && value < ManagedParameter.MIN_SLOTS_AND_SENDERS;
        return raised ? ManagedParameter.MIN_SLOTS_AND_SENDERS : value;
    }

    private static int number(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Finding shortfall(String setting, String what, int max, int inUse, int needed,
                                     boolean afterRestart, String forWhom) {
        int enough = Math.max(inUse + needed, ManagedParameter.MIN_SLOTS_AND_SENDERS);
        String fix = AlterSystem.set(setting, Integer.toString(enough));
        return (setting.equals(SLOTS) ? FindingCode.SLOT_CAPACITY : FindingCode.SENDER_CAPACITY).finding(setting,
                "no free " + what + " for " + forWhom + ": " + inUse + " of "
                        + setting + " = " + max + (afterRestart ? " (its value after the restart)" : "")
                        + " are in use, and this run needs " + needed + " more. Raise " + setting + " to at least "
                        + enough + " (" + fix + ", then restart the server), or free one that nothing uses; nothing"
                        + " was changed", fix);
    }
}
