package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.InfoReport;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the Exoquic migrations (Flyway-style), the server settings, the slot and the publication.")
final class InfoCommand extends Verb implements Callable<Integer> {

    @Override
    public Integer call() {
        InfoReport info = configure().load().info();
        PrintWriter out = out();
        if (shared.json) {
            out.println(Json.write(info));
        } else {
            text(out, info);
        }
        out.flush();
        return 0;
    }

    private static void text(PrintWriter out, InfoReport info) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Version", "Description", "State", "Installed on", "Checksum"));
        for (InfoReport.Migration migration : info.migrations()) {
            Boolean matches = migration.checksumMatches();
            rows.add(List.of(migration.version(), migration.description(), migration.state(), migration.installedOn(),
                    matches == null ? "" : matches ? "matches" : "changed (re-applied by migrate)"));
        }
        Table.print(out, rows);
        out.println();
        for (InfoReport.ServerParameter parameter : info.settings()) {
            out.printf("%-23s running %s%s%s%n", parameter.name(), parameter.running(),
                    parameter.configured() == null ? "" : ", configured " + parameter.configured(),
                    parameter.pendingRestart() ? " (pending: applies after a restart)" : "");
        }
        out.println();
        out.println("slot:        " + info.slot());
        out.println("publication: " + info.publication());
        info.problems().forEach(problem -> out.println("PROBLEM: " + problem));
    }
}
