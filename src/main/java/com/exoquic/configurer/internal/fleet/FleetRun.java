package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.FleetOutcome;
import com.exoquic.configurer.api.FleetReport;
import com.exoquic.configurer.api.ServerResult;
import com.exoquic.configurer.api.TargetResult;
import com.exoquic.configurer.internal.postgres.Connector;
import com.exoquic.configurer.internal.postgres.SqlFailures;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A fleet run: first, per server, once: read its state, merge addresses that prove to be one server, decide and
 * (for migrate) apply the server parameters; then the targets, at most {@code parallelism} at once and never more
 * sessions on a server than its limit: a target starts only when the sessions its operation may hold are all free
 * on its server, and takes them all at once (no partial holds, so no deadlock). Each result goes to the ledger and
 * the listener as it comes; once the failure budget is spent no target starts.
 */
public final class FleetRun {
    private final FleetOperation operation;
    private final FleetOptions options;
    private final List<PreparedTarget> mine;
    private final Map<ServerAddress, List<PreparedTarget>> everyTargetByServer;
    private final Ledger ledger;
    private final Consumer<TargetResult> listener;
    private final int skipped;

    private final Object lock = new Object();
    private final List<Server> servers = new ArrayList<>();
    private final List<TargetResult> results = new ArrayList<>();
    private int failures;
    private int allowedFailures;
    private int next;

    /**
     * @param mine                the targets this run is due to run (after selection, shard and ledger)
     * @param everyTarget         every selected target, of every shard: what a server's parameters are sized for
     * @param skipped             targets left out as done by an earlier run (for the report)
     */
    public FleetRun(FleetOperation operation, FleetOptions options, List<PreparedTarget> mine,
                    List<PreparedTarget> everyTarget, Ledger ledger,
                    Consumer<TargetResult> listener, int skipped) {
        this.operation = operation;
        this.options = options;
        this.mine = mine;
        this.everyTargetByServer = everyTarget.stream().collect(Collectors.groupingBy(PreparedTarget::address,
                LinkedHashMap::new, Collectors.toList()));
        this.ledger = ledger;
        this.listener = listener;
        this.skipped = skipped;
    }

    public FleetReport run() {
        long start = System.nanoTime();
        allowedFailures = options.failureBudget().allowed(mine.size());
        ExecutorService workers = Executors.newFixedThreadPool(options.parallelism(), daemon("exoquic-fleet-"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("exoquic-fleet-timer-"));
        try {
            prepareServers(workers);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < options.parallelism(); i++) {
                running.add(workers.submit(() -> work(watchdog)));
            }
            for (Future<?> each : running) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurerException(ErrorCode.FAILED, "The fleet run was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a fleet worker failed", e.getCause());
        } finally {
            workers.shutdownNow();
            watchdog.shutdownNow();
        }
        List<ServerResult> serverResults = servers.stream().map(Server::result).toList();
        return new FleetReport(operation.label(), serverResults, List.copyOf(results), skipped,
                (System.nanoTime() - start) / 1e9);
    }

    // ---- servers ------------------------------------------------------------------------------------------------

    /** Reads every server once (in parallel), merges aliases, then decides each server's step and applies it. */
    private void prepareServers(ExecutorService workers) throws InterruptedException {
        Map<ServerAddress, List<PreparedTarget>> byAddress = mine.stream().collect(Collectors.groupingBy(
                PreparedTarget::address, LinkedHashMap::new, Collectors.toList()));
        Map<ServerAddress, Future<Object>> reads = new LinkedHashMap<>();
        byAddress.forEach((address, targets) -> reads.put(address, workers.submit(() -> read(targets))));
        Map<String, Server> byIdentity = new LinkedHashMap<>();
        for (Map.Entry<ServerAddress, Future<Object>> read : reads.entrySet()) {
            ServerAddress address = read.getKey();
            Object facts;
            try {
                facts = read.getValue().get();
            } catch (java.util.concurrent.ExecutionException e) {
                facts = e.getCause() instanceof ConfigurerException c ? c
                        : new ConfigurerException(ErrorCode.FAILED, String.valueOf(e.getCause()), e.getCause());
            }
            List<PreparedTarget> targets = byAddress.get(address);
            if (facts instanceof ServerFacts serverFacts) {
                Server same = byIdentity.get(serverFacts.identity());
                if (same != null) {
                    same.merge(address, targets, everyTargetByServer.getOrDefault(address, List.of()));
                    continue;
                }
                Server server = new Server(address, serverFacts, targets, everyTargetByServer.getOrDefault(address,
                        List.of()), options.connectionsPerServer());
                byIdentity.put(serverFacts.identity(), server);
                servers.add(server);
            } else {
                Server server = Server.unreachable(address, (ConfigurerException) facts, targets);
                servers.add(server);
            }
        }
        for (Server server : servers) {
            server.decide(operation);
            if (operation == FleetOperation.MIGRATE && server.refused() == null) {
                apply(server);
            }
            for (TargetResult refused : server.notRun(operation)) {
                finish(refused);
            }
        }
    }

    /** The server's facts from one of its first databases that answers; the failure when none does. */
    private Object read(List<PreparedTarget> targets) {
        ConfigurerException last = null;
        for (PreparedTarget target : targets.subList(0, Math.min(3, targets.size()))) {
            try (Connection connection = connector(target).open()) {
                return ServerFacts.read(connection, target.settings().connection().host());
            } catch (ConfigurerException e) {
                last = e;
                if (TargetRun.transientFailure(e)) {
                    break; // the server refuses or is down: no other database of it will answer
                }
            } catch (SQLException e) {
                last = SqlFailures.reading(e);
            }
        }
        return last;
    }

    private void apply(Server server) {
        try (Connection connection = connector(server.first()).open()) {
            server.step().apply(connection);
        } catch (ConfigurerException e) {
            server.fail(e);
        } catch (SQLException e) {
            server.fail(new ConfigurerException(SqlFailures.code(e), "Setting the server parameters failed: "
                    + SqlFailures.describe(e), e));
        }
    }

    private Connector connector(PreparedTarget target) {
        return Connector.of(Connector.dataSource(target.settings().connection(), false), target.settings().connection());
    }

    // ---- targets ------------------------------------------------------------------------------------------------

    private void work(ScheduledExecutorService watchdog) {
        while (true) {
            Assignment assignment = take();
            if (assignment == null) {
                return;
            }
            TargetResult result;
            try {
                result = new TargetRun(assignment.target, assignment.server.name(), operation, options,
                        assignment.server.restartAfter(), watchdog).run();
            } finally {
                release(assignment);
            }
            finish(result);
        }
    }

    private record Assignment(Server server, PreparedTarget target) {
    }

    /** The next target whose server has its sessions free, waiting while none has; null when none is left. */
    private Assignment take() {
        synchronized (lock) {
            while (true) {
                if (failures > allowedFailures) {
                    notStarted();
                    return null;
                }
                boolean anyLeft = false;
                for (int i = 0; i < servers.size(); i++) {
                    Server server = servers.get((next + i) % servers.size());
                    if (!server.hasQueued()) {
                        continue;
                    }
                    anyLeft = true;
                    if (server.free() >= operation.sessions() && !server.waitsForPilot(operation)) {
                        next = (next + i + 1) % servers.size();
                        server.reserve(operation.sessions());
                        return new Assignment(server, server.poll());
                    }
                }
                if (!anyLeft) {
                    return null;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    private void release(Assignment assignment) {
        synchronized (lock) {
            assignment.server.reserve(-operation.sessions());
            lock.notifyAll();
        }
    }

    /** Every target still queued, recorded as not started (the failure budget is spent). */
    private void notStarted() {
        for (Server server : servers) {
            while (server.hasQueued()) {
                PreparedTarget target = server.poll();
                TargetResult result = new TargetResult(target.target().id(), target.target().display(), server.name(),
                        target.target().labels(), FleetOutcome.NOT_STARTED, ErrorCode.FAILED,
                        "not started: the failure budget (" + options.failureBudget() + ") was spent", List.of(),
                        false, 0, Instant.now(), 0, null, null, null);
                results.add(result);
                server.record(result);
                listener.accept(result);
            }
        }
    }

    private void finish(TargetResult result) {
        if (ledger != null) {
            ledger.write(result);
        }
        synchronized (lock) {
            results.add(result);
            if (result.outcome() == FleetOutcome.FAILED) {
                failures++;
            }
            servers.stream().filter(server -> server.name().equals(result.server())).findFirst()
                    .ifPresent(server -> server.record(result));
            lock.notifyAll();
        }
        listener.accept(result);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---- one server ---------------------------------------------------------------------------------------------

    /** A server of the run: its addresses, step, session budget, queue of targets and what they came to. */
    private static final class Server {
        private final ServerAddress address;
        private final List<String> aliases = new ArrayList<>();
        private final ServerFacts facts;
        private final List<PreparedTarget> targets = new ArrayList<>();
        private final List<PreparedTarget> everyTarget = new ArrayList<>();
        private final Deque<PreparedTarget> queue = new ArrayDeque<>();
        private final List<TargetResult> notRun = new ArrayList<>();
        private int free;
        private ServerStep step;
        private ConfigurerException failure;
        private int restartNeeded;
        private boolean applies;
        private boolean piloting;
        private boolean piloted;

        Server(ServerAddress address, ServerFacts facts, List<PreparedTarget> targets, List<PreparedTarget> every,
               int limit) {
            this.address = address;
            this.facts = facts;
            this.targets.addAll(targets);
            this.everyTarget.addAll(every);
            this.free = limit;
        }

        static Server unreachable(ServerAddress address, ConfigurerException failure, List<PreparedTarget> targets) {
            Server server = new Server(address, null, targets, List.of(), 0);
            server.failure = failure;
            return server;
        }

        void merge(ServerAddress alias, List<PreparedTarget> more, List<PreparedTarget> moreEvery) {
            aliases.add(alias.toString());
            targets.addAll(more);
            everyTarget.addAll(moreEvery);
        }

        String name() {
            return address.toString();
        }

        PreparedTarget first() {
            return targets.get(0);
        }

        ServerStep step() {
            return step;
        }

        void fail(ConfigurerException e) {
            failure = e;
        }

        String refused() {
            return failure == null ? null : failure.getMessage();
        }

        void decide(FleetOperation operation) {
            this.applies = operation == FleetOperation.MIGRATE;
            if (failure == null && operation != FleetOperation.STATUS) {
                Set<String> ours = everyTarget.stream().map(PreparedTarget::slotKey).collect(Collectors.toSet());
                targets.forEach(target -> ours.add(target.slotKey()));
                step = new ServerStep(facts, ours);
            }
        }

        /**
         * The targets that do not run, as results: all of them when the server could not be read or its parameters
         * not set; those needing a slot the server cannot give (refused), or that must wait for the restart (for
         * migrate). The rest are queued.
         */
        List<TargetResult> notRun(FleetOperation operation) {
            for (PreparedTarget target : targets) {
                boolean needsSlot = step != null && !step.hasSlot(target.slotKey());
                if (failure != null) {
                    notRun.add(result(target, FleetOutcome.FAILED, failure.code(), "the server step failed: "
                            + failure.getMessage()));
                } else if (needsSlot && step.refusal() != null && operation != FleetOperation.STATUS) {
                    notRun.add(result(target, FleetOutcome.FAILED, ErrorCode.PREFLIGHT, "refused before any change: "
                            + step.refusal()));
                } else if (needsSlot && step.slotsWaitForRestart() && operation == FleetOperation.MIGRATE) {
                    notRun.add(result(target, FleetOutcome.RESTART_NEEDED, ErrorCode.RESTART_REQUIRED,
                            "waits for the restart: the server runs with too few replication slots for its targets ("
                                    + String.join(", ", step.restartFor()) + " after it); run fleet migrate again"
                                    + " after restarting the server"));
                } else {
                    queue.add(target);
                }
            }
            return List.copyOf(notRun);
        }

        private TargetResult result(PreparedTarget target, FleetOutcome outcome, ErrorCode code, String message) {
            return new TargetResult(target.target().id(), target.target().display(), name(), target.target().labels(),
                    outcome, code, message, List.of(), false, 0, Instant.now(), 0, null, null, null);
        }

        /** What of the server's parameters still waits for a restart once a target is done, or null. */
        String restartAfter() {
            if (step == null) {
                return null;
            }
            List<String> capacity = step.restartFor().stream().filter(what -> !what.startsWith("wal_level")).toList();
            return capacity.isEmpty() ? null : String.join(", ", capacity);
        }

        boolean hasQueued() {
            return !queue.isEmpty();
        }

        PreparedTarget poll() {
            return queue.poll();
        }

        int free() {
            return free;
        }

        void reserve(int sessions) {
            free -= sessions;
        }

        void record(TargetResult result) {
            if (result.outcome() == FleetOutcome.RESTART_NEEDED) {
                restartNeeded++;
            }
            if (piloting && result.attempts() > 0) {
                piloting = false;
                piloted = result.outcome() == FleetOutcome.DONE || result.outcome() == FleetOutcome.RESTART_NEEDED;
            }
        }

        /**
         * The replication role is the server's, shared by its databases: two first runs creating it at once would
         * collide. So a server's first migrate runs alone; once one has finished (the role and its password in
         * place), the others run side by side and find the role as it should be.
         */
        boolean waitsForPilot(FleetOperation operation) {
            if (operation != FleetOperation.MIGRATE || piloted) {
                return false;
            }
            if (piloting) {
                return true;
            }
            piloting = true;
            return false;
        }

        ServerResult result() {
            return new ServerResult(name(), List.copyOf(aliases), targets.size(),
                    step == null ? List.of() : step.changes(), applies, step == null ? List.of() : step.restartFor(),
                    restartNeeded, failure != null ? "the server step failed: " + failure.getMessage()
                    : step == null ? null : step.refusal());
        }
    }
}
