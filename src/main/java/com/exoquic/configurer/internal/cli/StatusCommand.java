package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.StatusReport;
import com.exoquic.configurer.internal.postgres.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Health of the Exoquic setup from exoquic.status: exit 0 when healthy, 4 when a problem is found.")
final class StatusCommand extends Verb implements Callable<Integer> {
    @Option(names = "--max-retained-wal", paramLabel = "SIZE", defaultValue = "1GB",
            description = "Most WAL an inactive slot may retain before it counts as a problem (default 1GB).")
    String maxRetainedWal;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json (the same as --json) or openmetrics (for Prometheus, e.g. the node exporter's"
                    + " textfile collector). Default: text.")
    Format format;

    enum Format { text, json, openmetrics }

    /** The --max-retained-wal value in bytes; a bad one is bad usage (exit 2). */
    static long maxRetainedWal(picocli.CommandLine.Model.CommandSpec spec, String text) {
        try {
            return Bytes.parse(text);
        } catch (NumberFormatException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-retained-wal '" + text + "' is not a size; use e.g. 512MB or 2GB");
        }
    }

    @Override
    public Integer call() {
        long limit = maxRetainedWal(spec, maxRetainedWal);
        StatusReport status = configure().load().status(limit);
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

    private static final int TABLES_SHOWN = 20;

    private static void text(PrintWriter out, StatusReport status) {
        out.printf("database:      %s (wal_level %s)%n", status.database(), status.walLevel());
        out.printf("slot:          %s: %s%n", status.slotName(),
                !status.slotExists() ? "missing" : status.slotActive() ? "active" : "inactive");
        out.printf("lag:           %s%n", size(status.lagBytes()));
        out.printf("WAL retained:  %s%n", size(status.retainedWalBytes()));
        out.printf("wal_status:    %s%n", status.walStatus() == null ? "n/a" : status.walStatus());
        out.printf("publication:   %s (%d tables, %d without a usable replica identity)%n", status.publication(),
                status.publicationTables(), status.tablesWithoutReplicaIdentity());
        List<String> unusable = status.tablesWithoutReplicaIdentityNames();
        if (!unusable.isEmpty()) {
            // The first 20 here; --json lists them all.
            out.printf("  without one:  %s%s%n", String.join(", ", unusable.subList(0, Math.min(TABLES_SHOWN, unusable.size()))),
                    unusable.size() > TABLES_SHOWN ? " and " + (unusable.size() - TABLES_SHOWN) + " more (--json lists all)" : "");
        }
        status.warnings().forEach(warning -> out.println("WARNING: " + warning));
        status.problems().forEach(problem -> out.println("PROBLEM: " + problem));
        out.println(status.healthy() ? "Healthy." : "Unhealthy: " + status.problems().size() + " problem(s).");
    }

    private static String size(Long bytes) {
        return bytes == null ? "n/a" : Bytes.human(bytes);
    }
}
