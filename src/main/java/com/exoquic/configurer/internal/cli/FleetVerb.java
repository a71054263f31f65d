package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.ExoquicFleet;
import com.exoquic.configurer.api.FleetReport;
import com.exoquic.configurer.internal.config.VerbName;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the fleet verbs share: the target sources, selection, bounds, failure policy, ledger and output. */
abstract class FleetVerb {
    @ParentCommand
    FleetCommand fleet;
    @Spec
    CommandSpec spec;
    @Mixin
    SharedOptions shared = new SharedOptions();

    @Option(names = "--targets", paramLabel = "FILE",
            description = "Target list: one connection URL per line (postgres://user@host:port/db; # comments), or a"
                    + " YAML or JSON list of URLs or of {url, name, labels, tables, slot, publication}. Repeatable.")
    List<Path> targetFiles = List.of();
    @Option(names = "--targets-query", paramLabel = "SQL",
            description = "Targets from a query on a server (--targets-server, else PGHOST etc.): first column a"
                    + " database name or URL; columns name, tables, slot, publication override; others are labels."
                    + " E.g. SELECT datname FROM pg_database WHERE datname LIKE 'tenant%%'")
    String targetsQuery;
    @Option(names = "--targets-server", paramLabel = "URL",
            description = "The server --targets-query runs on (postgres://user@host:port/db); its credentials carry"
                    + " over to the databases it finds. Default: PGHOST, PGPORT, PGUSER, PGDATABASE.")
    String targetsServer;
    @Option(names = "--targets-command", paramLabel = "COMMAND",
            description = "Targets printed by sh -c COMMAND, in any form --targets takes.")
    String targetsCommand;
    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
            description = "Only targets whose labels match, as in Kubernetes: tier=gold,region in (eu,us),!legacy")
    String selector;
    @Option(names = "--shard", paramLabel = "I/N",
            description = "Take shard I of N (0-based; stable: by a hash of each target's name). Default: from"
                    + " JOB_COMPLETION_INDEX and EXOQUIC_FLEET_SHARDS when set, else every target.")
    String shard;
    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "8",
            description = "Targets run at once (default 8).")
    int parallelism;
    @Option(names = "--connections-per-server", paramLabel = "N", defaultValue = "20",
            description = "Most sessions on any one server at once, never exceeded (default 20; one target's migrate"
                    + " holds 1, validate 2, the dry-run and status 1; addresses that prove to be one server"
                    + " share it).")
    int connectionsPerServer;
    @Option(names = "--max-failures", paramLabel = "N|N%",
            description = "After more than N failed targets (or N%% of them), start no new one. Default: no limit.")
    String maxFailures;
    @Option(names = "--fail-fast", description = "Start no new target after the first failure.")
    boolean failFast;
    @Option(names = "--target-timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Time limit per target, retries included (default 10m); then its statements are cancelled"
                    + " and it fails with code LOCK_TIMEOUT.")
    Duration targetTimeout;
    @Option(names = "--retries", paramLabel = "N", defaultValue = "2",
            description = "Further attempts after a transient failure (refused, starting up, lost connection),"
                    + " with backoff (default 2).")
    int retries;
    @Option(names = "--ledger", paramLabel = "FILE",
            description = "Append one JSON line per finished target (target without secrets, server, outcome, error"
                    + " code, findings, timings), written as each finishes.")
    Path ledger;
    @Option(names = "--resume", paramLabel = "LEDGER",
            description = "Leave out the targets LEDGER records as done; append to it unless --ledger is given.")
    Path resume;
    @Option(names = "--retry-failed", paramLabel = "LEDGER",
            description = "Run only the targets LEDGER records as failed; append to it unless --ledger is given.")
    Path retryFailed;

    /** The single-database verb whose settings this fleet verb reads. */
    abstract VerbName settingsOf();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The fleet as called: its target sources and options; the settings every target shares from flags and env. */
    ExoquicFleet load(FleetProgress progress) {
        Map<String, String> env = fleet.env();
        Map<String, String> flags = new HashMap<>();
        SettingOptions.given(spec, settingsOf()).forEach((setting, value) -> flags.put(setting.flag(), value));
        ExoquicFleet.Builder builder = ExoquicFleet.configure()
                .defaults(ExoquicConfigurer.configure().environment(env).commandLine(flags))
                .selector(selector)
                .parallelism(parallelism)
                .connectionsPerServer(connectionsPerServer)
                .failFast(failFast)
                .targetTimeout(targetTimeout)
                .retries(retries)
                .ledger(ledger)
                .resume(resume)
                .retryFailed(retryFailed)
                .listener(progress);
        if (shard != null) {
            builder.shard(shard);
        } else {
            builder.shardFromEnvironment(env);
        }
        if (maxFailures != null && !failFast) {
            builder.failureBudget(maxFailures);
        }
        targetFiles.forEach(builder::targetsFile);
        if (targetsQuery != null) {
            builder.targetsQuery(targetsQuery, targetsServer);
        }
        if (targetsCommand != null) {
            builder.targetsCommand(targetsCommand);
        }
        return builder.load();
    }

    FleetProgress progress() {
        return new FleetProgress(err(), fleet.terminal(), shared.verbose);
    }

    /** The summary on stdout (or the whole report as JSON), and the fleet's exit status. */
    int finish(FleetReport report, FleetProgress progress) {
        progress.end();
        if (shared.json) {
            out().println(Json.write(report));
        } else {
            new FleetSummary(out()).print(report);
        }
        out().flush();
        return report.exitCode();
    }
}
