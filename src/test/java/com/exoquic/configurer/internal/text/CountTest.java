package com.exoquic.configurer.internal.text;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class CountTest {
    @Test
    void oneIsSingularEveryOtherNumberPlural() {
        assertThat(Count.of(1, "problem")).isEqualTo("1 problem");
        assertThat(Count.of(3, "problem")).isEqualTo("3 problems");
        assertThat(Count.of(0, "problem")).isEqualTo("0 problems");
    }
}
