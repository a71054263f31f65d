package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.ExoquicFleet;
import com.exoquic.configurer.internal.config.VerbName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Configure every target: each server's parameters once, then each database as migrate does."
                + " --dry-run plans instead (each server's ALTER SYSTEM statements and each database's statement"
                + " count; --json lists the statements), changing nothing.")
final class FleetMigrateCommand extends FleetVerb implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Plan every target, change nothing.")
    boolean dryRun;

    @Override
    VerbName settingsOf() {
        return VerbName.MIGRATE;
    }

    @Override
    public Integer call() {
        FleetProgress progress = progress();
        ExoquicFleet fleet = load(progress);
        return finish(dryRun ? fleet.plan() : fleet.migrate(), progress);
    }
}
