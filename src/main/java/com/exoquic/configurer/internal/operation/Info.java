package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.InfoReport;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.flyway.ExoquicFlyway;
import com.exoquic.configurer.internal.plan.Planner;
import com.exoquic.configurer.internal.plan.RunOptions;
import com.exoquic.configurer.internal.postgres.SlotState;
import com.exoquic.configurer.internal.postgres.Snapshot;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.CoreMigrationType;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/** info: the migrations as Flyway sees them, and the server state, read in a read-only transaction. */
public final class Info {
    private final Settings settings;
    private final DataSource dataSource;
    private final RunOptions options;

    public Info(Settings settings, DataSource dataSource, RunOptions options) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.options = options;
    }

    public InfoReport read() {
        Planner.Planned planned = new Planner(settings, options).planReadOnly(dataSource);
        List<InfoReport.Migration> migrations = new ArrayList<>();
        // Flyway reads the history in exoquic only where the admin owns that schema and all in it, and not on a
        // standby, which cannot read it (unlogged): the problems say which.
        MigrationInfo[] applied = planned.snapshot().ownership().exoquicTrusted()
                && !planned.snapshot().server().inRecovery()
                ? ExoquicFlyway.create(dataSource, planned.plan().migrations()).info().all() : new MigrationInfo[0];
        for (MigrationInfo info : applied) {
            String version = info.getType() == CoreMigrationType.SCHEMA ? "schema"
                    : info.getVersion() != null ? info.getVersion().getVersion() : "";
            migrations.add(new InfoReport.Migration(version, info.getDescription(), info.getState().getDisplayName(),
                    info.getInstalledOn() == null ? "" : info.getInstalledOn().toString(),
                    info.isApplied() && info.getType() != CoreMigrationType.SCHEMA ? info.isChecksumMatching() : null));
        }
        Snapshot snapshot = planned.snapshot();
        List<InfoReport.ServerParameter> parameters = snapshot.server().parameters().values().stream()
                .map(parameter -> new InfoReport.ServerParameter(parameter.name(), parameter.running(),
                        snapshot.configuredParameters().get(parameter.name()), parameter.pendingRestart()))
                .toList();
        String slot = slot(snapshot.slot());
        String publication = snapshot.publication() == null ? "missing" : snapshot.publication().allTables()
                ? "all tables" : "table list, " + snapshot.publication().tableCount() + " tables";
        return new InfoReport(migrations, parameters, slot, publication, planned.problems());
    }

    /** The slot and its health; one that cannot serve says so. */
    private static String slot(SlotState slot) {
        if (slot == null) {
            return "missing";
        }
        return slot.plugin() + ", " + (slot.active() ? "active" : "inactive")
                + (slot.temporary() ? ", temporary (session pid " + slot.activePid() + ")" : "")
                + (slot.walStatus() == null ? "" : ", wal_status " + slot.walStatus())
                + (slot.invalidated() ? ": invalidated (" + slot.invalidationCause() + "), cannot serve" : "");
    }
}
