package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.internal.cloud.RetryPolicy;

import java.time.Duration;

/**
 * How a fleet run does its work: at most {@code parallelism} targets at once, at most {@code connectionsPerServer}
 * sessions on any one server, a failure budget, a time limit per target, and retries of transient failures (refused,
 * starting up, lost connection) with the project's backoff.
 */
public record FleetOptions(int parallelism, int connectionsPerServer, FailureBudget failureBudget,
                           Duration targetTimeout, int retries, RetryPolicy backoff) {
    public static final int DEFAULT_PARALLELISM = 8;
    public static final int DEFAULT_CONNECTIONS_PER_SERVER = 20;
    public static final Duration DEFAULT_TARGET_TIMEOUT = Duration.ofMinutes(10);
    public static final int DEFAULT_RETRIES = 2;

    public static FleetOptions defaults() {
        return new FleetOptions(DEFAULT_PARALLELISM, DEFAULT_CONNECTIONS_PER_SERVER, FailureBudget.unlimited(),
                DEFAULT_TARGET_TIMEOUT, DEFAULT_RETRIES, RetryPolicy.defaults());
    }
}
