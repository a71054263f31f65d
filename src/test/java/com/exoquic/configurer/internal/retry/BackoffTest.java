package com.exoquic.configurer.internal.retry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class BackoffTest {
    private static final Backoff HALF_SECOND_TO_TEN =
            Backoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(10));

    private static List<Long> millis(Backoff backoff, int attempts) {
        return IntStream.rangeClosed(1, attempts).mapToObj(attempt -> backoff.delay(attempt).toMillis()).toList();
    }

    @Test
    void theWaitDoublesUpToTheMaximum() {
        assertThat(millis(HALF_SECOND_TO_TEN, 7)).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 10_000L, 10_000L);
        assertThat(HALF_SECOND_TO_TEN.delay(100)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void fullJitterWaitsAPartOfTheCeiling() {
        assertThat(HALF_SECOND_TO_TEN.withFullJitter(() -> 0.0).delay(4)).isEqualTo(Duration.ZERO);
        assertThat(HALF_SECOND_TO_TEN.withFullJitter(() -> 0.5).delay(3)).isEqualTo(Duration.ofMillis(1000));
        assertThat(HALF_SECOND_TO_TEN.withFullJitter(() -> 0.999999).delay(6)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aMaximumBelowTheStartIsRefused() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInterruptedWaitStopsTheRunAndKeepsTheInterrupt() {
        List<Duration> slept = new ArrayList<>();
        Sleeper interrupted = duration -> {
            slept.add(duration);
            throw new InterruptedException("stop");
        };
        try {
            assertThatThrownBy(() -> interrupted.sleepOrStop(Duration.ofSeconds(1),
                    cause -> new IllegalStateException("stopped", cause)))
                    .isInstanceOf(IllegalStateException.class).hasMessage("stopped")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
            assertThat(slept).containsExactly(Duration.ofSeconds(1));
        } finally {
            Thread.interrupted(); // clears the flag for the next test
        }
    }
}
