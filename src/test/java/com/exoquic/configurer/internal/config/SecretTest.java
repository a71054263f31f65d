package com.exoquic.configurer.internal.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class SecretTest {

    @Test
    void printsAsMask() {
        Secret secret = Secret.of("hunter2");
        assertThat(secret).hasToString("********");
        assertThat(Secret.MASK).isEqualTo("********");
        assertThat(String.valueOf(secret)).doesNotContain("hunter2");
        assertThat("password=" + secret).isEqualTo("password=********");
    }

    @Test
    void revealsTheValueOnRequest() {
        Secret secret = Secret.of("p@ss word\u00e9");
        assertThat(secret.reveal()).isEqualTo("p@ss word\u00e9");
        assertThat(secret.chars()).containsExactly("p@ss word\u00e9".toCharArray());
    }

    @Test
    void charsIsADefensiveCopy() {
        Secret secret = Secret.of("abc");
        char[] chars = secret.chars();
        chars[0] = 'X';
        assertThat(secret.reveal()).isEqualTo("abc");
    }

    @Test
    void emptyOrNullIsNoSecret() {
        assertThat(Secret.of(null)).isNull();
        assertThat(Secret.of("")).isNull();
    }

    @Test
    void equalsByValue() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).hasSameHashCodeAs(Secret.of("a"))
                .isNotEqualTo(Secret.of("b"));
    }
}
