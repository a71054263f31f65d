package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.internal.postgres.AlterSystem;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The server parameters, decided once per server for all its targets: {@code wal_level = logical}, and
 * {@code max_replication_slots} and {@code max_wal_senders} raised (never lowered) to what the server's targets need:
 * the slots (senders) others use, plus one per target, at least 5. With ALTER SYSTEM and one reload where the admin
 * may; where it may not and too few slots or senders are free for the targets that will get a slot, those targets
 * are refused with the numbers and the parameter to raise. Each target's own run then finds this step done.
 */
final class ServerStep {
    static final int MINIMUM = 5;

    private final ServerFacts facts;
    private final Set<String> ours;
    private final List<String> changes = new ArrayList<>();
    private final List<String> statements = new ArrayList<>();
    private final List<String> restartFor = new ArrayList<>();
    private final int needing;
    private String refusal;

    /** @param ourSlots the slot key (see {@link ServerFacts#slotKey}) of every target of this server in the list */
    ServerStep(ServerFacts facts, Set<String> ourSlots) {
        this.facts = facts;
        this.ours = ourSlots;
        Set<String> missing = new HashSet<>(ourSlots);
        missing.removeAll(facts.slots());
        this.needing = missing.size();
        decide();
    }

    private void decide() {
        ServerFacts.Admin admin = facts.admin();
        if (admin.inRecovery()) {
            return; // a standby: each target's preflight refuses it
        }
        int otherSlots = (int) facts.slots().stream().filter(slot -> !ours.contains(slot)).count();
        int ourActive = (int) facts.activeSlots().stream().filter(ours::contains).count();
        int otherSenders = Math.max(0, facts.walSenders() - ourActive);
        int slotsNeeded = Math.max(MINIMUM, otherSlots + ours.size());
        int sendersNeeded = Math.max(MINIMUM, otherSenders + ours.size());
        if (!admin.alterSystemAllowed()) {
            refuseIfShort("max_replication_slots", admin.maxReplicationSlots(), facts.slots().size(), slotsNeeded);
            refuseIfShort("max_wal_senders", admin.maxWalSenders(), facts.walSenders(), sendersNeeded);
            if (!"logical".equals(admin.walLevel())) {
                restartFor.add("wal_level = logical");
            }
            return;
        }
        if (!"logical".equals(admin.walLevel())) {
            restartFor.add("wal_level = logical");
            if (!"logical".equals(facts.configured().get("wal_level"))) {
                raise("wal_level", admin.walLevel(), "logical");
            }
        }
        raiseIfBelow("max_replication_slots", admin.maxReplicationSlots(), slotsNeeded);
        raiseIfBelow("max_wal_senders", admin.maxWalSenders(), sendersNeeded);
    }

    private void raiseIfBelow(String name, int running, int needed) {
        if (running >= needed) {
            return;
        }
        restartFor.add(name + " >= " + needed);
        if (facts.afterRestart(name, running) < needed) {
            raise(name, Integer.toString(running), Integer.toString(needed));
        }
    }

    private void raise(String name, String from, String to) {
        changes.add(name + " " + from + " -> " + to);
        statements.add(AlterSystem.set(name, to));
    }

    private void refuseIfShort(String name, int running, int inUse, int needed) {
        int free = Math.max(0, running - inUse);
        if (needing > free && refusal == null) {
            ServerFacts.Admin admin = facts.admin();
            refusal = needing + " target(s) need a new replication slot and a WAL sender, but " + name + " = "
                    + running + " has " + free + " free; '" + admin.user() + "' may not run ALTER SYSTEM here ("
                    + admin.provider() + "): raise " + name + " to at least " + needed + " (" + admin.providerSteps()
                    + ")";
        }
    }

    /** Writes the parameters and reloads once (autocommit: ALTER SYSTEM cannot run in a transaction). */
    void apply(Connection connection) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        connection.setAutoCommit(true);
        List<String> all = new ArrayList<>(statements);
        all.add(AlterSystem.RELOAD);
        AlterSystem.run(connection, all);
    }

    /** What is raised, e.g. {@code max_replication_slots 10 -> 205}. */
    List<String> changes() {
        return List.copyOf(changes);
    }

    List<String> statements() {
        return List.copyOf(statements);
    }

    /** What waits for a restart of this server (whoever wrote it), e.g. {@code wal_level = logical}. */
    List<String> restartFor() {
        return List.copyOf(restartFor);
    }

    /** Why the targets that need a new slot are refused, or null. */
    String refusal() {
        return refusal;
    }

    /** True when a slot cannot be created before the restart although wal_level is logical: too few slots run. */
    boolean slotsWaitForRestart() {
        return "logical".equals(facts.admin().walLevel()) && refusal == null
                && restartFor.stream().anyMatch(what -> what.startsWith("max_replication_slots"));
    }

    /** Whether this target's slot exists already. */
    boolean hasSlot(String slotKey) {
        return facts.slots().contains(slotKey);
    }
}
