package com.exoquic.configurer.internal.cloud;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class RetryPolicyTest {
    private static RetryPolicy withJitter(double fraction) {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(10), d -> { }, () -> fraction);
    }

    @Test
    void defaultsAreFiveAttemptsFromHalfASecondUpToTenSeconds() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy.maxAttempts()).isEqualTo(5);
        assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void ceilingDoublesUpToTheMaximum() {
        RetryPolicy policy = withJitter(0.999999);

        assertThat(policy.backoff(1).toMillis()).isEqualTo(500);
        assertThat(policy.backoff(2).toMillis()).isEqualTo(1000);
        assertThat(policy.backoff(3).toMillis()).isEqualTo(2000);
        assertThat(policy.backoff(6).toMillis()).isEqualTo(10_000);
        assertThat(policy.backoff(100).toMillis()).isEqualTo(10_000);
    }

    @Test
    void fullJitterCanWaitAnywhereFromZero() {
        assertThat(withJitter(0.0).backoff(4)).isEqualTo(Duration.ZERO);
        assertThat(withJitter(0.5).backoff(3)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void realJitterStaysWithinTheCeiling() {
        RetryPolicy policy = RetryPolicy.defaults();
        for (int i = 0; i < 100; i++) {
            assertThat(policy.backoff(3)).isBetween(Duration.ZERO, Duration.ofMillis(2000));
        }
    }

    @Test
    void retryAfterReplacesTheBackoffAndIsCapped() {
        RetryPolicy policy = withJitter(0.5);

        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(2)))).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(1, Optional.of(Duration.ofHours(1)))).isEqualTo(RetryPolicy.MAX_RETRY_AFTER);
    }

    @Test
    void retryAfterIsReadInSeconds() {
        assertThat(RetryPolicy.parseRetryAfter(" 2 ")).contains(Duration.ofSeconds(2));
        assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("-1")).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null)).isEmpty();
    }
}
