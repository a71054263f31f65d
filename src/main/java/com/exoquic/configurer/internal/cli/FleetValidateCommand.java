package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.ExoquicFleet;
import com.exoquic.configurer.internal.config.VerbName;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate every target as validate does, and each server's capacity (free replication slots"
                + " and WAL senders where the parameters cannot be raised), changing nothing. A target with a"
                + " finding fails (code PREFLIGHT, exit 1).")
final class FleetValidateCommand extends FleetVerb implements Callable<Integer> {

    @Override
    VerbName settingsOf() {
        return VerbName.VALIDATE;
    }

    @Override
    public Integer call() {
        FleetProgress progress = progress();
        return finish(load(progress).validate(), progress);
    }
}
