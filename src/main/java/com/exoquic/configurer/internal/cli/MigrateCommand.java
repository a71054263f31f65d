package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.internal.config.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Configure the database for Exoquic: server settings, role, grants, publication, replica identity,"
                + " status view, slot, and cloud registration when EXOQUIC_API_KEY is set. A second run does nothing.")
final class MigrateCommand extends Verb implements Callable<Integer> {

    @Option(names = "--dry-run", description = "Print every statement migrate would send now (secrets masked); change nothing.")
    boolean dryRun;
    @Option(names = "--wait-for-restart", arity = "0..1", paramLabel = "DURATION", fallbackValue = "10m",
            converter = DurationConverter.class,
            description = "When a restart is needed, wait for it (default 10m, e.g. 30m or 1h), then finish.")
    Duration waitForRestart;
    @Option(names = "--allow-insecure-cloud-url", description = "Allow a plain http:// EXOQUIC_CLOUD_URL to a non-loopback host.")
    boolean allowInsecureCloudUrl;

    /** The dry-run sends nothing, so it needs no replication password. */
    @Override
    Set<Setting> required() {
        return dryRun ? Set.of() : super.required();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ExoquicConfigurer.Builder builder = configure().waitForRestart(waitForRestart)
                .allowInsecureCloudUrl(allowInsecureCloudUrl);
        if (parent.terminal()) {
            // Someone watches: every step on one line as it ends, cleared before the report says it again.
            builder.stepProgress(statusLine()::show);
        }
        ExoquicConfigurer configurer = builder.load();
        if (dryRun) {
            new PlanPrinter(out).print(configurer.plan(), shared.json);
            return 0;
        }
        MigrationReport report;
        try {
            report = configurer.migrate();
        } finally {
            statusLine().clear();
        }
        new ReportPrinter(out).print(report, shared.json);
        return report.restartRequired() ? ErrorCode.RESTART_REQUIRED.exitCode() : 0;
    }
}
