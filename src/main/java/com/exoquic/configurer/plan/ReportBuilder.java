package com.exoquic.configurer.plan;

import com.exoquic.configurer.api.ConnectionDetails;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.StepReport;
import com.exoquic.configurer.api.TableAdvice;
import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.flyway.RenderedMigration;
import com.exoquic.configurer.postgres.KeylessTable;
import com.exoquic.configurer.postgres.Provider;
import com.exoquic.configurer.postgres.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Collects what each step did into a {@link MigrationReport}. */
final class ReportBuilder {
    private final Settings settings;
    private final Snapshot snapshot;
    private final List<StepReport> steps = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    ReportBuilder(Settings settings, Snapshot snapshot) {
        this.settings = settings;
        this.snapshot = snapshot;
    }

    void settings(ServerSettingsStep.Result result) {
        if (result != null && result.notAllowed()) {
            Provider provider = snapshot.provider();
            List<String> changes = result.changes().stream().map(Object::toString).toList();
            steps.add(new StepReport(ServerSettingsStep.NAME, Outcome.SKIPPED, "'" + snapshot.server().adminUser()
                    + "' may not run ALTER SYSTEM here (" + provider.label() + "); needed: " + String.join("; ", changes)));
            warnings.add("SERVER SETTINGS ARE LEFT TO YOU (" + provider.label() + "): " + provider.steps()
                    + (provider == Provider.SELF_HOSTED
                        ? " " + String.join(" ", ServerSettingsStep.alterSystem(snapshot.server()).stream()
                                .map(statement -> statement.sql() + ";").toList())
                        : ""));
            return;
        }
        if (result == null || result.changes().isEmpty()) {
            steps.add(new StepReport(ServerSettingsStep.NAME, Outcome.ALREADY_IN_PLACE,
                    "wal_level = logical, max_replication_slots and max_wal_senders >= 5"));
            return;
        }
        List<String> changes = result.changes().stream().map(Object::toString).toList();
        steps.add(new StepReport(ServerSettingsStep.NAME, Outcome.DONE, String.join("; ", changes)));
    }

    void migrations(List<RenderedMigration> migrations, Set<String> executed) {
        for (RenderedMigration migration : migrations) {
            boolean ran = executed.contains(migration.getDescription());
            steps.add(new StepReport(migration.getDescription().replaceFirst("^\\d+ ", ""),
                    ran ? Outcome.DONE : Outcome.ALREADY_IN_PLACE, migration.fileName()));
            if (ran && migration.getDescription().endsWith("publication")) {
                publicationWarning();
            }
        }
    }

    void password(boolean set) {
        steps.add(new StepReport(PasswordStep.NAME, set ? Outcome.DONE : Outcome.ALREADY_IN_PLACE,
                set ? "set (SCRAM-SHA-256, hashed on the client)" : "unchanged"));
    }

    void slot(Boolean created) {
        String name = settings.slot().name();
        if (created == null) {
            steps.add(new StepReport(SlotStep.NAME, Outcome.SKIPPED, "'" + name + "' needs wal_level = logical:"
                    + " restart the PostgreSQL server, then run migrate again"));
        } else {
            steps.add(new StepReport(SlotStep.NAME, created ? Outcome.DONE : Outcome.ALREADY_IN_PLACE,
                    "'" + name + "' (pgoutput)"));
        }
    }

    void registration(StepReport report) {
        steps.add(report);
    }

    /** Version and option notes that the user should know about, whatever the steps did. */
    void notes() {
        int major = snapshot.server().majorVersion();
        if (major < 15 && !settings.capture().schemas().isEmpty()) {
            warnings.add("PostgreSQL " + major + " cannot publish a whole schema (FOR TABLES IN SCHEMA needs 15):"
                    + " " + String.join(", ", settings.capture().schemas().stream().map(s -> s.quoted() + ".*").toList())
                    + " was expanded to its " + snapshot.wildcardTables().size() + " current table(s)."
                    + " Run migrate again after creating tables there.");
        }
        if (settings.failoverSlot() && snapshot.slot() != null && !snapshot.slot().failover()) {
            warnings.add("slot '" + settings.slot().name() + "' already exists without failover, and was kept."
                    + " To make it a failover slot, recreate it (teardown --yes, then migrate --failover-slot)"
                    + " while nothing reads it.");
        }
    }

    MigrationReport build(boolean restartRequired) {
        List<TableAdvice> advice = snapshot.keylessTables().stream().map(ReportBuilder::advice).toList();
        ConnectionDetails details = new ConnectionDetails(settings.exoquicHost(), settings.connection().port(),
                settings.connection().database(), settings.replicationUser().name(), settings.slot().name(),
                settings.publication().name());
        return new MigrationReport(List.copyOf(steps), List.copyOf(warnings), advice, details, restartRequired);
    }

    private void publicationWarning() {
        var existing = snapshot.publication();
        if (existing != null && existing.allTables() != settings.capture().isAllTables()) {
            warnings.add("PUBLICATION " + settings.publication().quoted() + " WAS DROPPED AND CREATED AGAIN: switching"
                    + " between all tables and a table list cannot be done in place. A consumer reading the slot"
                    + " must restart its stream.");
        }
    }

    private static TableAdvice advice(KeylessTable table) {
        String identity = switch (table.replicaIdentity()) {
            case "f" -> "full";
            case "i" -> "index";
            case "n" -> "nothing";
            default -> "default";
        };
        String advice;
        if (!"default".equals(identity) && !"full".equals(identity)) {
            advice = "replica identity " + identity + " was chosen by the owner and left alone";
        } else if (table.hasCandidateKey()) {
            advice = "has a unique index on NOT NULL columns: ALTER TABLE " + table.name().quoted()
                    + " REPLICA IDENTITY USING INDEX <index>, or make it the primary key (smaller WAL than FULL)";
        } else {
            advice = "REPLICA IDENTITY FULL (updates and deletes log the whole old row); add a primary key to reduce WAL";
        }
        return new TableAdvice(table.name().quoted(), "default".equals(identity) ? "full" : identity, advice);
    }
}
