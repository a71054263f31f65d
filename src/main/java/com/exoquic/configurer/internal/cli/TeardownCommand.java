package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.api.PlannedStatement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "teardown", mixinStandardHelpOptions = true,
        description = "Remove what migrate created (slot, publication, exoquic schema, replication role). Prints the"
                + " plan unless --yes is given. Never touches tables or data.")
final class TeardownCommand extends Verb implements Callable<Integer> {
    @Option(names = "--yes", description = "Really remove; without it only the plan is printed.")
    boolean yes;
    @Option(names = "--force", description = "Drop the slot even while a consumer reads it (ends that session).")
    boolean force;
    @Option(names = "--reset-settings", description = "Also ALTER SYSTEM RESET wal_level, max_replication_slots, max_wal_senders"
            + " and the WAL guards (max_slot_wal_keep_size, idle_replication_slot_timeout).")
    boolean resetSettings;

    @Override
    public Integer call() {
        ExoquicConfigurer configurer = configure().load();
        PrintWriter out = spec.commandLine().getOut();
        if (!yes) {
            if (!shared.json) { // --json prints the plan as the one document on stdout
                out.println("-- teardown plan (nothing removed; run with --yes to remove):");
            }
            new PlanPrinter(out).print(configurer.teardownPlan(force, resetSettings), shared.json);
            return 0;
        }
        List<PlannedStatement> done = configurer.teardown(force, resetSettings);
        if (shared.json) {
            out.println(Json.write(done));
        } else {
            done.stream().filter(each -> each.sql() != null).map(PlannedStatement::step).distinct()
                    .forEach(step -> out.println("  [removed] " + step));
            done.stream().filter(each -> each.sql() == null).forEach(each -> out.println("  [left alone] "
                    + each.step() + (each.note() == null ? "" : ": " + each.note())));
            out.println(resetSettings ? "Done. Restart the server to apply the reset settings." : "Done. Server settings were left as they are.");
        }
        out.flush();
        return 0;
    }
}
