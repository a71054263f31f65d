package com.exoquic.configurer;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.FleetListener;
import com.exoquic.configurer.api.FleetOutcome;
import com.exoquic.configurer.api.FleetReport;
import com.exoquic.configurer.api.TargetResult;
import com.exoquic.configurer.internal.cloud.RetryPolicy;
import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.fleet.FailureBudget;
import com.exoquic.configurer.internal.fleet.FleetOperation;
import com.exoquic.configurer.internal.fleet.FleetOptions;
import com.exoquic.configurer.internal.fleet.FleetRun;
import com.exoquic.configurer.internal.fleet.LabelSelector;
import com.exoquic.configurer.internal.fleet.Ledger;
import com.exoquic.configurer.internal.fleet.PreparedTarget;
import com.exoquic.configurer.internal.fleet.ServerAddress;
import com.exoquic.configurer.internal.fleet.Shard;
import com.exoquic.configurer.internal.fleet.SlotNames;
import com.exoquic.configurer.internal.fleet.Target;
import com.exoquic.configurer.internal.fleet.TargetCommand;
import com.exoquic.configurer.internal.fleet.TargetList;
import com.exoquic.configurer.internal.fleet.TargetQuery;
import com.exoquic.configurer.internal.postgres.Connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many databases in one run: the fleet counterpart of {@link ExoquicConfigurer}. Targets come from a file (URLs, or
 * a YAML/JSON list with per-target overrides and labels), a query run on a server, or a command's output; a label
 * selector and a shard choose among them. Every target's settings are checked before anything runs. Then, once per
 * server, its parameters; then the targets, bounded (parallelism, sessions per server), isolated, with retries, a
 * time limit and a failure budget, each result written to a ledger as it finishes.
 *
 * <pre>{@code
 * FleetReport report = ExoquicFleet.configure()
 *         .defaults(ExoquicConfigurer.configure().replicationPassword(secret))
 *         .targetsFile(Path.of("tenants.yaml"))
 *         .selector("tier=gold")
 *         .ledger(Path.of("fleet.jsonl"))
 *         .load()
 *         .migrate();
 * }</pre>
 */
public final class ExoquicFleet {
    private final List<PreparedTarget> selected;
    private final List<PreparedTarget> mine;
    private final Builder source;

    private ExoquicFleet(List<PreparedTarget> selected, List<PreparedTarget> mine, Builder source) {
        this.selected = selected;
        this.mine = mine;
        this.source = source;
    }

    public static Builder configure() {
        return new Builder();
    }

    /** Configures every target: the server parameters once per server, then each database. */
    public FleetReport migrate() {
        return run(FleetOperation.MIGRATE);
    }

    /** What migrate would send to each target (its server's parameters once, in the server results). */
    public FleetReport plan() {
        return run(FleetOperation.PLAN);
    }

    /** Every target's preflight and history validation; a target with a finding fails (code PREFLIGHT). */
    public FleetReport validate() {
        return run(FleetOperation.VALIDATE);
    }

    /** Every target's health, as {@link ExoquicConfigurer#status()} reads it with the shared settings. */
    public FleetReport status() {
        return run(FleetOperation.STATUS);
    }

    /** The names of the targets this machine's shard takes (before a ledger leaves any out). */
    public List<String> targets() {
        return mine.stream().map(target -> target.target().id()).toList();
    }

    /** For tests: the targets this shard takes, with their settings resolved. */
    List<PreparedTarget> prepared() {
        return mine;
    }

    private FleetReport run(FleetOperation operation) {
        requireSettings(operation);
        List<PreparedTarget> due = new ArrayList<>(mine);
        int skipped = 0;
        Path ledgerFile = source.ledger;
        if (source.resume != null) {
            Map<String, FleetOutcome> before = Ledger.outcomes(source.resume, operation);
            due.removeIf(target -> before.get(target.target().id()) == FleetOutcome.DONE);
            skipped = mine.size() - due.size();
            ledgerFile = ledgerFile != null ? ledgerFile : source.resume;
        }
        if (source.retryFailed != null) {
            Map<String, FleetOutcome> before = Ledger.outcomes(source.retryFailed, operation);
            int count = due.size();
            due.removeIf(target -> before.get(target.target().id()) != FleetOutcome.FAILED);
            skipped += count - due.size();
            ledgerFile = ledgerFile != null ? ledgerFile : source.retryFailed;
        }
        FleetListener listener = source.listener;
        listener.started(due.size(), skipped);
        try (Ledger ledger = ledgerFile == null ? null : Ledger.append(ledgerFile, operation)) {
            return new FleetRun(operation, source.options(), due, selected, ledger,
                    listener::finished, skipped).run();
        }
    }

    /** Migrate and validate need the replication password for every target: missing, nothing runs (exit 2). */
    private void requireSettings(FleetOperation operation) {
        if (operation != FleetOperation.MIGRATE && operation != FleetOperation.VALIDATE) {
            return;
        }
        for (PreparedTarget target : mine) {
            try {
                target.configurer().toBuilder().settings(Set.of(Setting.REPLICATION_PASSWORD));
            } catch (ConfigurerException e) {
                // The password is the fleet's, shared by every target: the first target's message says it.
                throw new ConfigurerException(ErrorCode.CONFIGURATION, "The fleet's settings have a problem; nothing"
                        + " was changed:", List.of(target.target().source() + " (" + target.target().display() + "): "
                        + String.join("; ", e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems())), null);
            }
        }
    }

    /** Collects the target sources and how to run them; {@link #load()} reads and checks every target. */
    public static final class Builder {
        private ExoquicConfigurer.Builder defaults = ExoquicConfigurer.configure();
        private final List<Path> files = new ArrayList<>();
        private final List<String[]> texts = new ArrayList<>();
        private final List<String> urls = new ArrayList<>();
        private final List<String> commands = new ArrayList<>();
        private String query;
        private String queryServer;
        private LabelSelector selector = LabelSelector.all();
        private Shard shard = Shard.all();
        private int parallelism = FleetOptions.DEFAULT_PARALLELISM;
        private int connectionsPerServer = FleetOptions.DEFAULT_CONNECTIONS_PER_SERVER;
        private FailureBudget failureBudget = FailureBudget.unlimited();
        private Duration targetTimeout = FleetOptions.DEFAULT_TARGET_TIMEOUT;
        private int retries = FleetOptions.DEFAULT_RETRIES;
        private RetryPolicy backoff = RetryPolicy.defaults();
        private Path ledger;
        private Path resume;
        private Path retryFailed;
        private FleetListener listener = result -> { };

        private Builder() {
        }

        /**
         * The settings every target shares (replication password, names, timeouts, the environment, CLI flags). A
         * target's own URL and overrides come first; its connection comes from its URL, never from the defaults'
         * {@code url(...)} or {@code DATABASE_URL}.
         */
        public Builder defaults(ExoquicConfigurer.Builder shared) {
            this.defaults = shared.copy();
            return this;
        }

        /** A target file: one connection URL per line, or a YAML or JSON list (see the README). */
        public Builder targetsFile(Path file) {
            files.add(file);
            return this;
        }

        /** A target list given as text; {@code name} names it in messages. */
        public Builder targetsText(String name, String text) {
            texts.add(new String[] {name, text});
            return this;
        }

        /** One target by its URL ({@code postgres://user@host:port/db}). */
        public Builder target(String url) {
            urls.add(url);
            return this;
        }

        /**
         * Targets from a query run on a server: the first column a database of that server (or a URL), columns
         * {@code name}, {@code tables}, {@code slot}, {@code publication} override, others become labels.
         * {@code serverUrl}: where it runs (its credentials carry over to the targets); null for the defaults'
         * connection settings.
         */
        public Builder targetsQuery(String sql, String serverUrl) {
            this.query = sql;
            this.queryServer = serverUrl;
            return this;
        }

        /** Targets printed by {@code sh -c command}, in any form a target file takes. */
        public Builder targetsCommand(String command) {
            commands.add(command);
            return this;
        }

        /** Kubernetes-style label selector, e.g. {@code tier=gold,region in (eu,us),!legacy}. */
        public Builder selector(String text) {
            try {
                this.selector = text == null || text.isBlank() ? LabelSelector.all() : LabelSelector.parse(text);
            } catch (IllegalArgumentException e) {
                throw bad("the label selector " + e.getMessage());
            }
            return this;
        }

        /** This machine's share: shard {@code index} of {@code count}, 0-based. */
        public Builder shard(int index, int count) {
            try {
                this.shard = new Shard(index, count);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
            return this;
        }

        /** {@code I/N}, or null for every target. */
        public Builder shard(String text) {
            try {
                this.shard = text == null ? Shard.all() : Shard.parse(text);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
            return this;
        }

        /** The shard from {@code JOB_COMPLETION_INDEX} and {@code EXOQUIC_FLEET_SHARDS}, as an Indexed Job sets them. */
        public Builder shardFromEnvironment(Map<String, String> env) {
            try {
                this.shard = Shard.fromEnvironment(env);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
            return this;
        }

        public Builder parallelism(int targets) {
            this.parallelism = targets;
            return this;
        }

        /** The most sessions the run holds on any one server at once (default 20). */
        public Builder connectionsPerServer(int sessions) {
            this.connectionsPerServer = sessions;
            return this;
        }

        /** After this many failed targets ({@code 10}) or this share of them ({@code 5%}), no new target starts. */
        public Builder failureBudget(String budget) {
            try {
                this.failureBudget = FailureBudget.parse(budget);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
            return this;
        }

        /** Stop starting targets at the first failure. */
        public Builder failFast(boolean failFast) {
            if (failFast) {
                this.failureBudget = FailureBudget.none();
            }
            return this;
        }

        /** How long one target may take, retries included; then its statements are cancelled (default 10 min). */
        public Builder targetTimeout(Duration limit) {
            this.targetTimeout = limit;
            return this;
        }

        /** Further attempts after a transient failure: refused, starting up, lost connection (default 2). */
        public Builder retries(int attempts) {
            this.retries = attempts;
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.backoff = policy;
            return this;
        }

        /** Appends one JSON line per finished target to {@code file}. */
        public Builder ledger(Path file) {
            this.ledger = file;
            return this;
        }

        /** Leaves out the targets {@code file} records as done (and appends to it unless {@link #ledger} is set). */
        public Builder resume(Path file) {
            this.resume = file;
            return this;
        }

        /** Runs only the targets {@code file} records as failed (and appends to it unless {@link #ledger} is set). */
        public Builder retryFailed(Path file) {
            this.retryFailed = file;
            return this;
        }

        public Builder listener(FleetListener value) {
            this.listener = value;
            return this;
        }

        /**
         * Reads every target source and checks every target's settings; a bad line, entry or setting is a
         * {@link ConfigurerException} (configuration) naming each, and nothing has run.
         */
        public ExoquicFleet load() {
            List<String> problems = new ArrayList<>();
            if (parallelism < 1 || parallelism > 1000) {
                problems.add("the parallelism " + parallelism + " is not between 1 and 1000");
            }
            int perTarget = Arrays.stream(FleetOperation.values()).mapToInt(FleetOperation::sessions).max()
                    .orElseThrow();
            if (connectionsPerServer < perTarget) {
                problems.add("the connection limit per server " + connectionsPerServer + " is below " + perTarget
                        + ", the sessions one target's run may hold at once");
            }
            if (targetTimeout == null || targetTimeout.isNegative() || targetTimeout.isZero()) {
                problems.add("the per-target time limit must be positive");
            }
            if (retries < 0 || retries > 100) {
                problems.add("the retries " + retries + " are not between 0 and 100");
            }
            List<Target> targets = new ArrayList<>();
            for (Path file : files) {
                read(TargetList.parse(file.toString(), readFile(file, problems)), targets, problems);
            }
            for (String[] text : texts) {
                read(TargetList.parse(text[0], text[1]), targets, problems);
            }
            for (int i = 0; i < urls.size(); i++) {
                read(TargetList.parse("target " + (i + 1), urls.get(i)), targets, problems);
            }
            for (String command : commands) {
                read(TargetCommand.run(command), targets, problems);
            }
            if (query != null) {
                read(runQuery(problems), targets, problems);
            }
            if (files.isEmpty() && texts.isEmpty() && urls.isEmpty() && commands.isEmpty() && query == null) {
                problems.add("no targets given: name a target file, a query or a command");
            }
            List<PreparedTarget> prepared = prepare(targets, problems);
            if (!problems.isEmpty()) {
                throw new ConfigurerException(ErrorCode.CONFIGURATION, "The fleet has " + problems.size()
                        + " problem(s); nothing was changed:", problems, null);
            }
            List<PreparedTarget> selected = prepared.stream().filter(t -> selector.matches(t.target().labels())).toList();
            List<PreparedTarget> mine = selected.stream().filter(t -> shard.contains(t.target())).toList();
            return new ExoquicFleet(selected, mine, copy());
        }

        private void read(TargetList.Parsed parsed, List<Target> into, List<String> problems) {
            into.addAll(parsed.targets());
            problems.addAll(parsed.problems());
        }

        private static String readFile(Path file, List<String> problems) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                problems.add("the target file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
                return "";
            }
        }

        /** Each target's settings, resolved and checked: its own first, then the defaults. */
        private List<PreparedTarget> prepare(List<Target> targets, List<String> problems) {
            List<PreparedTarget> prepared = new ArrayList<>();
            Map<String, String> seen = new HashMap<>();
            Map<String, String> slots = new HashMap<>();
            for (Target target : targets) {
                String earlier = seen.putIfAbsent(target.id(), target.source());
                if (earlier != null) {
                    problems.add(target.source() + ": " + target.id() + " is listed twice (first at " + earlier
                            + "); give one of them a 'name' if both are meant");
                    continue;
                }
                ExoquicConfigurer.Builder builder = defaults.copy();
                builder.set(Setting.URL.envName(), target.display());
                target.connection().forEach((setting, value) -> builder.set(setting.envName(), value));
                target.overrides().forEach((setting, value) -> builder.set(setting.envName(), value));
                try {
                    ExoquicConfigurer configurer = builder.load();
                    if (!target.overrides().containsKey(Setting.SLOT)
                            && configurer.settings().slot().name().equals(Setting.SLOT.defaultValue())) {
                        // A slot's name is the server's: each database needs its own (see SlotNames).
                        builder.set(Setting.SLOT.envName(),
                                SlotNames.forDatabase(configurer.settings().connection().database()));
                        configurer = builder.load();
                    }
                    Settings settings = configurer.settings();
                    PreparedTarget each = new PreparedTarget(target, configurer, settings,
                            ServerAddress.of(settings.connection().host(), settings.connection().port()));
                    String slot = each.address() + " slot " + settings.slot().name();
                    String sameSlot = slots.putIfAbsent(slot, target.source());
                    if (sameSlot != null) {
                        problems.add(target.source() + " (" + target.display() + "): slot '" + settings.slot().name()
                                + "' is also " + sameSlot + "'s, on the same server (a slot's name is the server's):"
                                + " give each target its own 'slot', or leave the slot name unset");
                        continue;
                    }
                    prepared.add(each);
                } catch (ConfigurerException e) {
                    for (String problem : e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems()) {
                        problems.add(target.source() + " (" + target.display() + "): " + problem);
                    }
                }
            }
            return prepared;
        }

        private TargetList.Parsed runQuery(List<String> problems) {
            ExoquicConfigurer.Builder builder = defaults.copy();
            Map<Setting, String> server = new EnumMap<>(Setting.class);
            if (queryServer != null) {
                try {
                    server.putAll(com.exoquic.configurer.internal.config.DatabaseUrl.parse(queryServer));
                } catch (IllegalArgumentException e) {
                    problems.add("the targets query's server URL: " + e.getMessage());
                    return new TargetList.Parsed(List.of(), List.of());
                }
                builder.set(Setting.URL.envName(), queryServer);
            }
            Settings settings;
            try {
                settings = builder.load().settings();
            } catch (ConfigurerException e) {
                problems.addAll(e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems());
                return new TargetList.Parsed(List.of(), List.of());
            }
            server.putIfAbsent(Setting.HOST, settings.connection().host());
            server.putIfAbsent(Setting.PORT, Integer.toString(settings.connection().port()));
            server.remove(Setting.DATABASE);
            try (Connection connection = Connector.of(Connector.dataSource(settings.connection(), true),
                    settings.connection()).open()) {
                return TargetQuery.run(connection, query, server);
            } catch (SQLException e) {
                throw new ConfigurerException(ErrorCode.CONFIGURATION, "The targets query's connection failed: "
                        + e.getMessage(), e);
            }
        }

        FleetOptions options() {
            return new FleetOptions(parallelism, connectionsPerServer, failureBudget, targetTimeout, retries, backoff);
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.defaults = defaults.copy();
            copy.selector = selector;
            copy.shard = shard;
            copy.parallelism = parallelism;
            copy.connectionsPerServer = connectionsPerServer;
            copy.failureBudget = failureBudget;
            copy.targetTimeout = targetTimeout;
            copy.retries = retries;
            copy.backoff = backoff;
            copy.ledger = ledger;
            copy.resume = resume;
            copy.retryFailed = retryFailed;
            copy.listener = listener;
            return copy;
        }

        private static ConfigurerException bad(String message) {
            return new ConfigurerException(ErrorCode.CONFIGURATION, message + "; nothing was changed.");
        }
    }
}
