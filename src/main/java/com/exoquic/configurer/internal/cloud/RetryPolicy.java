package com.exoquic.configurer.internal.cloud;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How often and how long to wait between registration attempts: exponential backoff with full jitter
 * (so many configurers restarting together do not hit the cloud in step), or the server's
 * {@code Retry-After} when it gives one.
 *
 * @param maxAttempts    attempts in total, including the first
 * @param initialBackoff the backoff ceiling after the first failure; it doubles per failure
 * @param maxBackoff     the largest backoff ceiling
 * @param sleeper        how to wait; tests pass one that only records
 * @param jitter         a source of numbers in [0, 1); tests pass a constant
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                          Sleeper sleeper, DoubleSupplier jitter) {
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
    /** A server asking for longer than this is not waited for in full; the run would look hung. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    /** Waits between attempts. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(jitter, "jitter");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
                Sleeper.REAL, () -> ThreadLocalRandom.current().nextDouble());
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, sleeper, jitter);
    }

    public RetryPolicy withSleeper(Sleeper newSleeper) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, newSleeper, jitter);
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
        return backoff(attempt);
    }

    /** Full jitter: uniformly between zero and the exponential ceiling. */
    Duration backoff(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << doublings);
        if (ceiling < 0) { // shifted past Long range
            ceiling = maxBackoff.toMillis();
        }
        double fraction = Math.min(Math.max(jitter.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis(Math.round(ceiling * fraction));
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
