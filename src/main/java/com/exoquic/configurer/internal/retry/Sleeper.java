package com.exoquic.configurer.internal.retry;

import java.time.Duration;
import java.util.function.Function;

/** Waits between attempts; tests pass one that only records. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;

    /**
     * Sleeps for {@code duration}. An interrupt means "stop" (going on would spin, as every later sleep returns at
     * once): the thread's interrupt flag is set again and the exception {@code stopped} makes of it is thrown.
     */
    default void sleepOrStop(Duration duration, Function<InterruptedException, ? extends RuntimeException> stopped) {
        try {
            sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopped.apply(e);
        }
    }
}
