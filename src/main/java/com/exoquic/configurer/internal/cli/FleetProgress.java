package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.FleetListener;
import com.exoquic.configurer.api.FleetOutcome;
import com.exoquic.configurer.api.TargetResult;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * The progress line on stderr: done/total, failed, rate and time left. On a terminal it is rewritten in place (at
 * most twice a second); in a log (a file, a pod's output) a new line at most every {@link #LOG_INTERVAL}, so a
 * thousand targets do not flood it. {@code --verbose} adds a line per target as it finishes.
 */
final class FleetProgress implements FleetListener {
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Duration TERMINAL_INTERVAL = Duration.ofMillis(500);

    private final PrintWriter err;
    private final StatusLine status;
    private final boolean terminal;
    private final boolean verbose;
    private final long start = System.nanoTime();
    private int total;
    private int done;
    private int failed;
    private long lastPrinted;
    private boolean printed;

    FleetProgress(PrintWriter err, boolean terminal, boolean verbose) {
        this.err = err;
        this.status = new StatusLine(err);
        this.terminal = terminal;
        this.verbose = verbose;
    }

    @Override
    public synchronized void started(int targets, int skipped) {
        total = targets;
        if (skipped > 0) {
            err.println("fleet: " + skipped + " target(s) left out (the ledger has them); " + targets + " to run");
            err.flush();
        }
    }

    @Override
    public synchronized void finished(TargetResult result) {
        done++;
        if (result.outcome() == FleetOutcome.FAILED || result.outcome() == FleetOutcome.NOT_STARTED) {
            failed++;
        }
        if (verbose) {
            status.clear();
            err.println(result.name() + ": " + result.outcome().label() + (result.code() == null ? ""
                    : " [" + result.code() + "]") + " " + firstLine(result.message()));
        }
        long now = System.nanoTime();
        long interval = (terminal ? TERMINAL_INTERVAL : LOG_INTERVAL).toNanos();
        if (now - lastPrinted >= interval || done == total) {
            print(now);
        }
    }

    /** The last state, once, when the run ends. */
    synchronized void end() {
        if (total > 0 && (!printed || done < total)) {
            print(System.nanoTime());
        }
        if (terminal && printed) {
            err.println();
        }
        err.flush();
    }

    private void print(long now) {
        lastPrinted = now;
        printed = true;
        double seconds = Math.max((now - start) / 1e9, 0.001);
        double rate = done / seconds;
        String left = rate > 0 && done < total ? ", about " + format((total - done) / rate) + " left" : "";
        String line = String.format("fleet: %d/%d done, %d failed, %.1f/s, %s elapsed%s", done, total, failed, rate,
                format(seconds), left);
        if (terminal) {
            status.show(line);
        } else {
            err.println(line);
            err.flush();
        }
    }

    private static String format(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min " + s % 60 + " s" : s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
