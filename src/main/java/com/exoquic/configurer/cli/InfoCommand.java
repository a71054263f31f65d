package com.exoquic.configurer.cli;

import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.flyway.ExoquicFlyway;
import com.exoquic.configurer.plan.Renderer;
import com.exoquic.configurer.postgres.Connector;
import com.exoquic.configurer.postgres.ServerSetting;
import com.exoquic.configurer.postgres.Snapshot;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Command;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the Exoquic migrations (Flyway-style), the server settings, the slot and the publication.")
final class InfoCommand extends Verb implements Callable<Integer> {

    @Override
    public Integer call() {
        Settings settings = settings(Set.of());
        DataSource readOnly = Connector.dataSource(settings.connection(), true);
        Renderer.Rendered rendered = new Renderer(settings, readOnly, progress()).render();
        List<Map<String, Object>> migrations = new ArrayList<>();
        for (MigrationInfo info : ExoquicFlyway.create(readOnly, rendered.migrations()).info().all()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("version", info.getVersion() != null ? info.getVersion().getVersion() : info.isRepeatable() ? "repeatable" : "");
            row.put("description", info.getDescription());
            row.put("state", info.getState().getDisplayName());
            row.put("installedOn", info.getInstalledOn() == null ? "" : info.getInstalledOn().toString());
            row.put("checksumMatches", info.isApplied() ? info.isChecksumMatching() : null);
            migrations.add(row);
        }
        Snapshot snapshot = rendered.snapshot();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("migrations", migrations);
        document.put("settings", snapshot.server().settings().values());
        document.put("configuredSettings", snapshot.configuredSettings());
        document.put("slot", snapshot.slot());
        document.put("publication", snapshot.publication());
        document.put("problems", rendered.problems());
        PrintWriter out = spec.commandLine().getOut();
        if (shared.json) {
            out.println(Json.write(document));
        } else {
            text(out, migrations, snapshot, rendered.problems());
        }
        out.flush();
        return 0;
    }

    private static void text(PrintWriter out, List<Map<String, Object>> migrations, Snapshot snapshot, List<String> problems) {
        out.printf("%-11s | %-20s | %-9s | %-29s | %s%n", "Version", "Description", "State", "Installed on", "Checksum");
        for (Map<String, Object> row : migrations) {
            Object matches = row.get("checksumMatches");
            out.printf("%-11s | %-20s | %-9s | %-29s | %s%n", row.get("version"), row.get("description"), row.get("state"),
                    row.get("installedOn"), matches == null ? "" : (Boolean) matches ? "matches" : "changed (re-applied by migrate)");
        }
        out.println();
        for (ServerSetting setting : snapshot.server().settings().values()) {
            String configured = snapshot.configuredSettings().get(setting.name());
            out.printf("%-23s running %s%s%s%n", setting.name(), setting.running(),
                    configured == null ? "" : ", configured " + configured,
                    setting.pendingRestart() ? " (pending: applies after a restart)" : "");
        }
        out.println();
        out.println("slot:        " + (snapshot.slot() == null ? "missing" : snapshot.slot().plugin() + ", "
                + (snapshot.slot().active() ? "active" : "inactive")));
        out.println("publication: " + (snapshot.publication() == null ? "missing" : snapshot.publication().allTables()
                ? "all tables" : "table list, " + snapshot.publication().tableCount() + " tables"));
        problems.forEach(problem -> out.println("PROBLEM: " + problem));
    }
}
