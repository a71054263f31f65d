package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Finding;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.postgres.Bytes;
import com.exoquic.configurer.internal.postgres.ManagedParameter;
import com.exoquic.configurer.internal.postgres.ServerParameter;
import com.exoquic.configurer.internal.postgres.ServerSlots;
import com.exoquic.configurer.internal.postgres.ServerState;
import com.exoquic.configurer.internal.postgres.Snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.exoquic.configurer.internal.postgres.FindingCode.WAL_CAP_TOO_SMALL;
import static com.exoquic.configurer.internal.postgres.FindingCode.WAL_GUARD_VERSION;
import static com.exoquic.configurer.internal.postgres.FindingCode.WAL_IDLE_TIMEOUT_TOO_SHORT;

/**
 * The WAL guards a run may set when asked, never otherwise: a cap on the WAL any slot retains
 * ({@code max_slot_wal_keep_size}, PostgreSQL 13+) and an idle timeout ({@code idle_replication_slot_timeout}, 18+).
 * Both invalidate slots, so a value that would invalidate one that is in use now is refused, naming the slots.
 */
final class WalGuards {
    static final String CAP = ManagedParameter.SLOT_WAL_KEEP_SIZE;
    static final String IDLE_TIMEOUT = ManagedParameter.IDLE_SLOT_TIMEOUT;
    private static final int CAP_FROM = 13;
    private static final int IDLE_TIMEOUT_FROM = 18;
    private static final long MB = 1L << 20;

    private WalGuards() {
    }

    /** Whether the configuration asks for a guard at all. */
    static boolean asked(Settings settings) {
        return settings.maxSlotWalKeepSize() != null || settings.idleSlotTimeout() != null;
    }

    /** The guards asked for, as the server writes them. */
    static String describe(Settings settings) {
        List<String> asked = new ArrayList<>();
        if (settings.maxSlotWalKeepSize() != null) {
            asked.add(CAP + " = " + settings.maxSlotWalKeepSize() / MB + "MB");
        }
        if (settings.idleSlotTimeout() != null) {
            asked.add(IDLE_TIMEOUT + " = " + settings.idleSlotTimeout().toSeconds() + "s");
        }
        return String.join(", ", asked);
    }

    /** The guards asked for whose running value differs, in the server's units (MB, seconds) with the unit. */
    static List<WalGuardChange> changes(Settings settings, ServerState server) {
        List<WalGuardChange> changes = new ArrayList<>();
        if (settings.maxSlotWalKeepSize() != null) {
            add(changes, server.parameter(CAP), settings.maxSlotWalKeepSize() / MB, "MB");
        }
        if (settings.idleSlotTimeout() != null) {
            add(changes, server.parameter(IDLE_TIMEOUT), settings.idleSlotTimeout().toSeconds(), "s");
        }
        return changes;
    }

    private static void add(List<WalGuardChange> changes, ServerParameter setting, long wanted, String unit) {
        if (setting != null && !Long.toString(wanted).equals(setting.running())) {
            changes.add(new WalGuardChange(setting.name(), shown(setting.running(), unit), wanted + unit));
        }
    }

    /** The running value as a person reads it: -1 (the cap) and 0 (the timeout) mean off. */
    private static String shown(String running, String unit) {
        return "-1".equals(running) || "0".equals(running) ? running + " (off)" : running + unit;
    }

    /** Guards the server lacks, and values that would invalidate a slot that serves now. */
    static List<Finding> problems(Settings settings, Snapshot snapshot) {
        List<Finding> problems = new ArrayList<>();
        ServerState server = snapshot.server();
        ServerSlots slots = snapshot.serverSlots();
        List<String> changing = changes(settings, server).stream().map(WalGuardChange::name).toList();
        Long cap = settings.maxSlotWalKeepSize();
        if (cap != null && server.majorVersion() < CAP_FROM) {
            problems.add(tooOld("--max-slot-wal-keep-size (EXOQUIC_MAX_SLOT_WAL_KEEP_SIZE)", CAP, CAP_FROM, server));
        } else if (cap != null && changing.contains(CAP) && !slots.retainingAtLeast(cap).isEmpty()) {
            List<ServerSlots.Slot> over = slots.retainingAtLeast(cap);
            long most = over.stream().mapToLong(ServerSlots.Slot::retainedWalBytes).max().orElse(cap);
            problems.add(WAL_CAP_TOO_SMALL.finding(CAP, CAP + " = " + Bytes.human(cap) + " is less than the WAL"
                    + " these slots retain now: " + String.join(", ", over.stream().map(slot -> slot.describe()
                    + " retains " + Bytes.human(slot.retainedWalBytes())).toList()) + ". PostgreSQL would invalidate"
                    + " them at the next checkpoint (another team's slots too), and their consumers would lose the"
                    + " changes since. Choose a cap well above " + Bytes.human(most) + ", or let those consumers catch"
                    + " up first; nothing was changed", null));
        }
        Duration timeout = settings.idleSlotTimeout();
        if (timeout != null && server.majorVersion() < IDLE_TIMEOUT_FROM) {
            problems.add(tooOld("--idle-slot-timeout (EXOQUIC_IDLE_SLOT_TIMEOUT)", IDLE_TIMEOUT, IDLE_TIMEOUT_FROM,
                    server));
        } else if (timeout != null && changing.contains(IDLE_TIMEOUT)
                && !slots.idleAtLeast(timeout.toSeconds()).isEmpty()) {
            problems.add(WAL_IDLE_TIMEOUT_TOO_SHORT.finding(IDLE_TIMEOUT, IDLE_TIMEOUT + " = "
                    + timeout.toSeconds() + "s is shorter than these slots have been unused: " + String.join(", ",
                    slots.idleAtLeast(timeout.toSeconds()).stream().map(slot -> slot.describe() + " for "
                            + slot.inactiveSeconds() + "s").toList()) + ". PostgreSQL would invalidate them at the"
                    + " next checkpoint (another team's slots too). Choose a longer timeout, or drop the slots nothing"
                    + " uses; nothing was changed", null));
        }
        return problems;
    }

    private static Finding tooOld(String option, String setting, int from, ServerState server) {
        return WAL_GUARD_VERSION.finding(setting, option + " sets " + setting + ", which PostgreSQL " + from
                + " introduced, and this server runs " + server.version() + ". Leave the option out (status still"
                + " reports the WAL the slot retains), or upgrade the server; nothing was changed", null);
    }
}
