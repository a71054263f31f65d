package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.ConnectionDetails;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.api.StepReport;
import com.exoquic.configurer.api.TableAdvice;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.plan.EmptyCapture;
import com.exoquic.configurer.internal.plan.Planner;
import com.exoquic.configurer.internal.plan.StepResult;
import com.exoquic.configurer.internal.postgres.KeylessTable;
import com.exoquic.configurer.internal.postgres.ServerState;
import com.exoquic.configurer.internal.postgres.SessionEndpoint;
import com.exoquic.configurer.internal.postgres.Snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * The migrate report: each step's own result, in plan order, and what the catalog holds after the run (the tables
 * without a primary key and their replica identity, whether a restart is still needed), read back, not assumed.
 */
final class ReportBuilder {
    private final Settings settings;
    private final Planner.Planned planned;
    private final List<StepResult> results;

    ReportBuilder(Settings settings, Planner.Planned planned, List<StepResult> results) {
        this.settings = settings;
        this.planned = planned;
        this.results = results;
    }

    /** The catalog after the run, as far as the report states it: the server's parameters and the keyless tables. */
    record After(ServerState server, List<KeylessTable> keylessTables) {
    }

    MigrationReport build(After after) {
        List<StepReport> steps = results.stream().map(StepResult::report).toList();
        List<String> warnings = new ArrayList<>();
        results.forEach(result -> warnings.addAll(result.warnings()));
        warnings.addAll(notes());
        List<TableAdvice> advice = after.keylessTables().stream().map(ReportBuilder::advice).toList();
        SessionEndpoint endpoint = planned.endpoint();
        ConnectionDetails details = new ConnectionDetails(endpoint.host(), endpoint.port(), endpoint.database(),
                settings.replicationUser().name(), settings.slot().name(), settings.publication().name());
        if (!endpoint.publicHostSet() && endpoint.unreachableFromOutside()) {
            warnings.add("Exoquic would connect to " + endpoint.host() + ", a loopback or private address its cloud"
                    + " cannot reach. Set EXOQUIC_PUBLIC_HOST (--public-host) to the host name Exoquic should use.");
        }
        return new MigrationReport(steps, warnings, advice, details, after.server().restartNeeded(),
                after.server().restartFor());
    }

    /** Version and option notes that the user should know about, whatever the steps did. */
    private List<String> notes() {
        Snapshot before = planned.snapshot();
        List<String> notes = new ArrayList<>();
        int major = before.server().majorVersion();
        if (EmptyCapture.of(settings.capture(), before)) {
            notes.add(EmptyCapture.reportNote(settings.capture(), before));
        } else if (major < 15 && !settings.capture().schemas().isEmpty()) {
            notes.add("PostgreSQL " + major + " cannot publish a whole schema (FOR TABLES IN SCHEMA needs 15):"
                    + " " + String.join(", ", settings.capture().schemas().stream().map(s -> s.quoted() + ".*").toList())
                    + " was expanded to its " + before.wildcardTables().size() + " current table(s)."
                    + " Run migrate again after creating tables there.");
        }
        if (settings.ddlGuard() && !before.server().adminSuperuser()) {
            notes.add("The DDL guard was not installed: its event trigger needs a superuser, and "
                    + before.server().adminUser() + " is not one. Until it is, a keyless table created in a captured"
                    + " schema (or a dropped primary key) makes the application's UPDATE and DELETE on it fail until"
                    + " migrate runs again. Run migrate once as a superuser (PGUSER) to install it, or run migrate"
                    + " after every schema change; EXOQUIC_DDL_GUARD=false silences this note.");
        }
        if (before.slot() != null && "unreserved".equals(before.slot().walStatus())) {
            notes.add("slot '" + settings.slot().name() + "' is unreserved: it retains more WAL than"
                    + " max_slot_wal_keep_size allows, and the next checkpoint may invalidate it. Make its consumer"
                    + " catch up now.");
        }
        if (settings.failoverSlot() && before.slot() != null && !before.slot().failover()) {
            notes.add("slot '" + settings.slot().name() + "' already exists without failover, and was kept."
                    + " To make it a failover slot, recreate it (teardown --yes, then migrate --failover-slot)"
                    + " while nothing reads it.");
        }
        return notes;
    }

    private static TableAdvice advice(KeylessTable table) {
        String identity = switch (table.replicaIdentity()) {
            case "f" -> "full";
            case "i" -> "index";
            case "n" -> "nothing";
            default -> "default";
        };
        String advice;
        if (identity.equals("index") || identity.equals("nothing")) {
            advice = "replica identity " + identity + " was chosen by the owner and left alone";
        } else if (identity.equals("default")) {
            advice = "still has the default replica identity (no primary key): updates and deletes cannot be"
                    + " replicated; run migrate again";
        } else if (table.hasCandidateKey()) {
            advice = "has a unique index on NOT NULL columns: ALTER TABLE " + table.name().quoted()
                    + " REPLICA IDENTITY USING INDEX <index>, or make it the primary key (smaller WAL than FULL)";
        } else {
            advice = "REPLICA IDENTITY FULL (updates and deletes log the whole old row); add a primary key to reduce WAL";
        }
        return new TableAdvice(table.name().quoted(), identity, advice);
    }
}
