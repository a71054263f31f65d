package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.StatusReport;
import com.exoquic.configurer.internal.postgres.Bytes;
import com.exoquic.configurer.internal.text.Count;
import com.exoquic.configurer.internal.text.Excerpt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Health of the Exoquic setup from exoquic.status: exit 0 when healthy, 4 when a problem is found.")
final class StatusCommand extends Verb implements Callable<Integer> {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json (the same as --json) or openmetrics (for Prometheus, e.g. the node exporter's"
                    + " textfile collector). Default: text.")
    Format format;

    enum Format { text, json, openmetrics }

    @Override
    public Integer call() {
        StatusReport status = configure().load().status();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.openmetrics) {
            out.print(StatusMetrics.openMetrics(status));
        } else if (shared.json || format == Format.json) {
            out.println(Json.write(status));
        } else {
            text(out, status);
        }
        out.flush();
        return status.healthy() ? 0 : ErrorCode.UNHEALTHY.exitCode();
    }

    private static void text(PrintWriter out, StatusReport status) {
        out.printf("database:      %s (wal_level %s)%n", status.database(), status.walLevel());
        out.printf("slot:          %s: %s%n", status.slotName(),
                !status.slotExists() ? "missing" : status.slotActive() ? "active" : "inactive");
        out.printf("lag:           %s%n", size(status.lagBytes()));
        out.printf("WAL retained:  %s%n", size(status.retainedWalBytes()));
        out.printf("wal_status:    %s%s%n", status.walStatus() == null ? "n/a" : status.walStatus(),
                status.invalidationReason() == null ? "" : " (invalidated: " + status.invalidationReason() + ")");
        if (status.safeWalSize() != null) {
            out.printf("safe WAL:      %s more before the slot is invalidated%n", size(status.safeWalSize()));
        }
        if (status.inactiveSeconds() != null) {
            out.printf("inactive for:  %d s%n", status.inactiveSeconds());
        }
        out.printf("publication:   %s (%d tables, %d without a usable replica identity)%n", status.publication(),
                status.publicationTables(), status.tablesWithoutReplicaIdentity());
        Excerpt<String> unusable = Excerpt.of(status.tablesWithoutReplicaIdentityNames());
        if (!unusable.shown().isEmpty()) {
            out.printf("  without one:  %s%s%n", unusable.joined(), unusable.more() > 0 ? " (--json lists all)" : "");
        }
        status.warnings().forEach(warning -> out.println("WARNING: " + warning));
        status.problems().forEach(problem -> out.println("PROBLEM: " + problem));
        out.println(status.healthy() ? "Healthy."
                : "Unhealthy: " + Count.of(status.problems().size(), "problem") + ".");
    }

    private static String size(Long bytes) {
        return bytes == null ? "n/a" : Bytes.human(bytes);
    }
}
