package com.exoquic.configurer.internal.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff, the one rule for how long the tool waits before trying again (a starting server, a lock, the
 * cloud API): after failed attempt {@code n} (1-based) the ceiling is {@code initial * 2^(n-1)}, at most {@code max}.
 * Without jitter the wait is the ceiling; with full jitter it is uniformly between zero and the ceiling, so many
 * clients retrying together do not stay in step.
 *
 * @param jitter a source of numbers in [0, 1] the ceiling is multiplied by; {@link #NO_JITTER} always gives 1
 */
public record Backoff(Duration initial, Duration max, DoubleSupplier jitter) {
    public static final DoubleSupplier NO_JITTER = () -> 1.0;

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(jitter, "jitter");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max");
        }
    }

    /** Doubling from {@code initial} up to {@code max}, no jitter. */
    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max, NO_JITTER);
    }

    /** The same ceilings, waiting a uniformly random part of each; {@code random} gives numbers in [0, 1). */
    public Backoff withFullJitter(DoubleSupplier random) {
        return new Backoff(initial, max, random);
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration delay(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << doublings);
        if (ceiling < 0) { // shifted past Long range
            ceiling = max.toMillis();
        }
        double fraction = Math.min(Math.max(jitter.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis(Math.round(ceiling * fraction));
    }
}
