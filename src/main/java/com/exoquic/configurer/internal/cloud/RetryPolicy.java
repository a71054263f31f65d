package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.internal.retry.Backoff;
import com.exoquic.configurer.internal.retry.Sleeper;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to wait between registration attempts: the {@link Backoff} with full jitter (so many
 * configurers restarting together do not hit the cloud in step), or the server's {@code Retry-After} when it gives
 * one.
 *
 * @param maxAttempts attempts in total, including the first
 * @param sleeper     how to wait; tests pass one that only records
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Sleeper sleeper) {
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
    /** A server asking for longer than this is not waited for in full; the run would look hung. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, Backoff.exponential(DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF)
                .withFullJitter(() -> ThreadLocalRandom.current().nextDouble()), Sleeper.REAL);
    }

    /**
     * The wait after failed attempt number {@code attempt} (1-based).
     *
     * @param retryAfter the server's requested wait, if it sent one that applies
     */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
        }
        return backoff.delay(attempt);
    }

    /** A {@code Retry-After} value in seconds; dates and garbage are ignored (the backoff applies). */
    public static Optional<Duration> parseRetryAfter(String header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
