package com.exoquic.configurer.internal.run;

import com.exoquic.configurer.api.InfoReport;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.flyway.ExoquicFlyway;
import com.exoquic.configurer.internal.plan.Planner;
import com.exoquic.configurer.internal.plan.RunOptions;
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
        // Flyway reads the history in exoquic only where the admin owns that schema and all in it (see problems).
        MigrationInfo[] applied = planned.snapshot().ownership().exoquicTrusted()
                ? ExoquicFlyway.create(dataSource, planned.plan().migrations()).info().all() : new MigrationInfo[0];
        for (MigrationInfo info : applied) {
            String version = info.getType() == CoreMigrationType.SCHEMA ? "schema"
                    : info.getVersion() != null ? info.getVersion().getVersion() : "";
            migrations.add(new InfoReport.Migration(version, info.getDescription(), info.getState().getDisplayName(),
                    info.getInstalledOn() == null ? "" : info.getInstalledOn().toString(),
                    info.isApplied() && info.getType() != CoreMigrationType.SCHEMA ? info.isChecksumMatching() : null));
        }
        Snapshot snapshot = planned.snapshot();
        List<InfoReport.ServerSetting> serverSettings = snapshot.server().settings().values().stream()
                .map(setting -> new InfoReport.ServerSetting(setting.name(), setting.running(),
                        snapshot.configuredSettings().get(setting.name()), setting.pendingRestart()))
                .toList();
        String slot = snapshot.slot() == null ? "missing"
                : snapshot.slot().plugin() + ", " + (snapshot.slot().active() ? "active" : "inactive");
        String publication = snapshot.publication() == null ? "missing" : snapshot.publication().allTables()
                ? "all tables" : "table list, " + snapshot.publication().tableCount() + " tables";
        return new InfoReport(migrations, serverSettings, slot, publication, planned.problems());
    }
}
