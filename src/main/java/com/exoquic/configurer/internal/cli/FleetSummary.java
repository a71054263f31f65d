package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.FleetOutcome;
import com.exoquic.configurer.api.FleetReport;
import com.exoquic.configurer.api.ServerResult;
import com.exoquic.configurer.api.TargetResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The end of a fleet run on stdout: one line per server (parameters set, restart needed for how many databases),
 * the count of each outcome, then a table of every target that did not end done, failures first, so the one that
 * failed among a thousand is on the last screen. A dry-run lists each target's statement count.
 */
final class FleetSummary {
    private final PrintWriter out;

    FleetSummary(PrintWriter out) {
        this.out = out;
    }

    void print(FleetReport report) {
        out.println("Servers:");
        report.servers().forEach(server -> out.println("  " + server.line()));
        List<String> counts = new ArrayList<>();
        for (FleetOutcome outcome : FleetOutcome.values()) {
            long count = report.count(outcome);
            if (count > 0) {
                counts.add(count + " " + outcome.label());
            }
        }
        if (report.skipped() > 0) {
            counts.add(report.skipped() + " left out (done in the ledger)");
        }
        out.printf("%s %s: %d target(s) in %.1f s: %s%n", "fleet", report.operation(), report.targets().size(),
                report.seconds(), counts.isEmpty() ? "none" : String.join(", ", counts));
        if (report.operation().endsWith("--dry-run")) {
            printPlans(report);
        }
        List<TargetResult> notDone = report.targets().stream()
                .filter(target -> target.outcome() != FleetOutcome.DONE)
                .sorted(Comparator.comparing(TargetResult::outcome).reversed().thenComparing(TargetResult::name))
                .toList();
        if (!notDone.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("target", "server", "outcome", "code", "message"));
            for (TargetResult target : notDone) {
                rows.add(List.of(target.name(), target.server(), target.outcome().label(),
                        target.code() == null ? "" : target.code().name(), firstLine(target.message())));
            }
            out.println();
            Table.print(out, rows);
        }
        for (ServerResult server : report.servers()) {
            if (server.restartNeeded() > 0) {
                out.println("RESTART NEEDED: " + server.server() + " for " + server.restartNeeded() + " database(s);"
                        + " restart it, then run fleet " + report.operation() + " again.");
            }
        }
    }

    private void printPlans(FleetReport report) {
        report.targets().stream().filter(target -> target.plan() != null)
                .sorted(Comparator.comparing(TargetResult::name))
                .forEach(target -> out.println("  " + target.name() + ": " + target.message()));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
