package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.internal.retry.Backoff;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class RetryPolicyTest {
    private static RetryPolicy withJitter(double fraction) {
        return new RetryPolicy(5, Backoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(10))
                .withFullJitter(() -> fraction), d -> { });
    }

    @Test
    void defaultsAreFiveAttemptsFromHalfASecondUpToTenSecondsWithFullJitter() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy.maxAttempts()).isEqualTo(5);
        assertThat(policy.backoff().initial()).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff().max()).isEqualTo(Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            assertThat(policy.delay(3, Optional.empty())).isBetween(Duration.ZERO, Duration.ofMillis(2000));
        }
    }

    @Test
    void withoutRetryAfterTheBackoffApplies() {
        assertThat(withJitter(0.5).delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(1000));
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
