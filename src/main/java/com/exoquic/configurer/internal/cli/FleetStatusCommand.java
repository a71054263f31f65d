package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.FleetReport;
import com.exoquic.configurer.internal.config.VerbName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Health of every target from its exoquic.status: exit 0 when all are healthy, 4 when one is"
                + " not, 1 when one could not be read. --format openmetrics prints status's gauges with a database"
                + " and a server label per target, and exoquic_fleet_status_read (1 read, 0 failed).")
final class FleetStatusCommand extends FleetVerb implements Callable<Integer> {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json (the same as --json) or openmetrics. Default: text.")
    StatusCommand.Format format;

    @Override
    VerbName settingsOf() {
        return VerbName.STATUS;
    }

    @Override
    public Integer call() {
        FleetProgress progress = progress();
        FleetReport report = load(progress).status();
        if (format == StatusCommand.Format.openmetrics) {
            progress.end();
            out().print(StatusMetrics.openMetrics(report));
            out().flush();
            return report.exitCode();
        }
        shared.json = shared.json || format == StatusCommand.Format.json;
        return finish(report, progress);
    }
}
