package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.Finding;
import com.exoquic.configurer.api.FleetOutcome;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.api.StatusReport;
import com.exoquic.configurer.api.TargetResult;
import com.exoquic.configurer.internal.postgres.Connector;
import com.exoquic.configurer.internal.postgres.SqlStates;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One target's run, isolated from the others: its own sessions (a {@link ReservedDataSource} holding what the fleet
 * reserved on its server), its own Flyway history, retries of transient failures (refused, starting up, lost
 * connection) with backoff, and a time limit: past it, its statements are cancelled, and if that does not end the
 * run within {@link #GRACE}, its sessions are cut off. Whatever happens becomes one {@link TargetResult} carrying
 * the single-database run's {@link ErrorCode}.
 */
final class TargetRun {
    static final Duration GRACE = Duration.ofSeconds(5);

    private final PreparedTarget prepared;
    private final String server;
    private final FleetOperation operation;
    private final FleetOptions options;
    private final String restartAfter;
    private final ScheduledExecutorService watchdog;
    private volatile String lastSaid;
    private volatile boolean timedOut;
    private int attempts;
    private boolean finished;

    /** @param restartAfter what of the server's parameters waits for a restart even when this run is done, or null */
    TargetRun(PreparedTarget prepared, String server, FleetOperation operation, FleetOptions options,
              String restartAfter, ScheduledExecutorService watchdog) {
        this.prepared = prepared;
        this.server = server;
        this.operation = operation;
        this.options = options;
        this.restartAfter = restartAfter;
        this.watchdog = watchdog;
    }

    TargetResult run() {
        Instant started = Instant.now();
        long start = System.nanoTime();
        ReservedDataSource sessions = new ReservedDataSource(
                Connector.dataSource(prepared.settings().connection(), false), operation.sessions(),
                prepared.target().display());
        Thread worker = Thread.currentThread();
        ScheduledFuture<?> cancel = watchdog.schedule(() -> {
            timedOut = true;
            sessions.cancelAll();
            watchdog.schedule(() -> cutOff(sessions, worker), GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }, options.targetTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Outcome outcome;
        try {
            outcome = withRetries(prepared.configurer().toBuilder().dataSource(sessions)
                    .progress(message -> lastSaid = message).load());
        } catch (RuntimeException e) {
            outcome = failed(e);
        } finally {
            cancel.cancel(false);
            synchronized (this) {
                finished = true;
                Thread.interrupted(); // a cut-off's interrupt must not reach the next target on this thread
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TargetResult(prepared.target().id(), prepared.target().display(), server, prepared.target().labels(),
                outcome.outcome, outcome.code, outcome.message, outcome.findings, outcome.changed, Math.max(1, attempts), started,
                seconds, outcome.migration, outcome.plan, outcome.status);
    }

    /** The last resort for a run that a cancel did not end: close its sessions and interrupt its wait. */
    private synchronized void cutOff(ReservedDataSource sessions, Thread worker) {
        if (!finished) {
            sessions.cutOff();
            worker.interrupt();
        }
    }

    private Outcome withRetries(ExoquicConfigurer configurer) {
        while (true) {
            attempts++;
            try {
                return once(configurer);
            } catch (RuntimeException e) {
                if (timedOut || attempts > options.retries() || !transientFailure(e)) {
                    throw e;
                }
                lastSaid = "attempt " + attempts + " failed (" + firstLine(e.getMessage()) + "); retrying";
                if (!sleep(options.backoff().delay(attempts, Optional.empty()))) {
                    throw e;
                }
            }
        }
    }

    private Outcome once(ExoquicConfigurer configurer) {
        return switch (operation) {
            case MIGRATE -> migrated(configurer.migrate());
            case PLAN -> {
                List<PlannedStatement> plan = configurer.plan().stream()
                        .filter(statement -> !ServerInternals.SERVER_STEP.equals(statement.step())).toList();
                yield new Outcome(FleetOutcome.DONE, null, plan.isEmpty() ? "nothing to do"
                        : plan.size() + " statement(s) to send", List.of(), !plan.isEmpty(), null, plan, null);
            }
            case VALIDATE -> {
                List<Finding> findings = configurer.validate();
                yield findings.isEmpty()
                        ? new Outcome(FleetOutcome.DONE, null, "valid: migrate would succeed", List.of(), false, null,
                                null, null)
                        : new Outcome(FleetOutcome.FAILED, ErrorCode.PREFLIGHT, findings.size()
                                + " problem(s): " + String.join("; ", findings.stream().map(Finding::message).toList()),
                                findings, false, null, null, null);
            }
            case STATUS -> {
                StatusReport status = configurer.status();
                yield status.healthy()
                        ? new Outcome(FleetOutcome.DONE, null, "healthy", List.of(), false, null, null, status)
                        : new Outcome(FleetOutcome.UNHEALTHY, ErrorCode.UNHEALTHY,
                                String.join("; ", status.problems()), List.of(), false, null, null, status);
            }
        };
    }

    private Outcome migrated(MigrationReport report) {
        boolean changed = !report.upToDate();
        if (report.restartRequired()) {
            return new Outcome(FleetOutcome.RESTART_NEEDED, ErrorCode.RESTART_REQUIRED,
                    "done all it can before the restart; restart the server (" + String.join(", ", report.restartFor())
                            + "), then run fleet migrate again", List.of(), changed, report, null, null);
        }
        if (restartAfter != null) {
            return new Outcome(FleetOutcome.RESTART_NEEDED, ErrorCode.RESTART_REQUIRED, "configured; the server"
                    + " must restart for " + restartAfter + " to apply", List.of(), changed, report, null, null);
        }
        return new Outcome(FleetOutcome.DONE, null, changed ? "configured" : "up to date", List.of(), changed, report,
                null, null);
    }

    private Outcome failed(RuntimeException e) {
        ConfigurerException failure = e instanceof ConfigurerException configurer ? configurer
                : new ConfigurerException(ErrorCode.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        if (timedOut) {
            return new Outcome(FleetOutcome.FAILED, ErrorCode.LOCK_TIMEOUT, "did not finish within "
                    + options.targetTimeout().toSeconds() + " s (the per-target time limit); its statements were"
                    + " cancelled" + (lastSaid == null ? "" : ". It last said: " + lastSaid) + ". Then: "
                    + firstLine(failure.getMessage()), failure.findings(), false, null, null, null);
        }
        return new Outcome(FleetOutcome.FAILED, failure.code(), failure.getMessage(), failure.findings(), false, null,
                null, null);
    }

    /** Refused, starting up, or a connection lost: worth another attempt after a pause. */
    static boolean transientFailure(Throwable failure) {
        if (failure instanceof ConfigurerException configurer) {
            if (configurer.code() == ErrorCode.CONNECTION_LOST) {
                return true;
            }
            if (configurer.code().exitCode() == 2) {
                return false; // the run itself judged it: a wrong password, an unknown database, a finding
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && (SqlStates.isConnectionLoss(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private record Outcome(FleetOutcome outcome, ErrorCode code, String message, List<Finding> findings,
                           boolean changed, MigrationReport migration, List<PlannedStatement> plan,
                           StatusReport status) {
    }
}
