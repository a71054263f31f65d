package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.config.VerbName;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.Set;

@Command(name = "fleet", mixinStandardHelpOptions = true,
        subcommands = {FleetMigrateCommand.class, FleetValidateCommand.class, FleetStatusCommand.class},
        description = {
            "Run migrate, validate or status over many databases in one process: targets from a file (--targets),"
                    + " a query (--targets-query) or a command (--targets-command), chosen by labels (--selector)"
                    + " and shards (--shard). Per server, once: its parameters (wal_level, max_replication_slots and"
                    + " max_wal_senders raised to what its databases need) and one line saying how many databases"
                    + " wait for its restart. Then each database, bounded by --parallelism and"
                    + " --connections-per-server, each with its own result, written to --ledger as it finishes."},
        footerHeading = "%nExit codes (for a Kubernetes podFailurePolicy, see examples/kubernetes):%n",
        footer = {
            "  0  every target done (or up to date, valid, healthy)",
            "  1  a target failed or was not started (budget spent); a re-run with --resume",
            "     or --retry-failed LEDGER converges",
            "  2  bad input (a target line, a setting, a selector) found before anything ran",
            "  3  no target failed, some wait for their server's restart: restart, run again",
            "  4  fleet status: no target failed, some are unhealthy"})
final class FleetCommand implements Runnable {
    /** Where a target's database is: its URL says, never a flag or variable for the whole fleet. */
    static final Set<Setting> LOCATION = Set.of(Setting.HOST, Setting.PORT, Setting.DATABASE, Setting.URL);

    @ParentCommand
    ExoquicCommand parent;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Map<String, String> env() {
        return parent.env();
    }

    boolean terminal() {
        return parent.terminal();
    }

    /** Each fleet verb takes the setting flags of the verb it runs, but not those that place a database. */
    static void addSettingOptions(CommandLine fleet) {
        for (CommandLine verb : fleet.getSubcommands().values()) {
            if (verb.getCommand() instanceof FleetVerb fleetVerb) {
                SettingOptions.addTo(verb.getCommandSpec(), fleetVerb.settingsOf(), LOCATION);
            }
        }
    }
}
