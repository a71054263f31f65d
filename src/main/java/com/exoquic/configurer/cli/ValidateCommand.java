package com.exoquic.configurer.cli;

import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.config.Setting;
import picocli.CommandLine.Command;

import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Run every preflight check and change nothing: exit 0 when migrate would succeed, 2 with the"
                + " list of problems otherwise. Meant for CI pipelines.")
final class ValidateCommand extends Verb implements Callable<Integer> {

    @Override
    public Integer call() {
        ExoquicConfigurer configurer = ExoquicConfigurer.configure(
                settings(Set.of(Setting.REPLICATION_PASSWORD)));
        int statements = configurer.plan().size();
        spec.commandLine().getOut().println("Valid: migrate would succeed (" + statements
                + " statement(s) to send; see migrate --dry-run).");
        return 0;
    }
}
