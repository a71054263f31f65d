package com.exoquic.configurer.internal.text;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class ExcerptTest {

    private static List<String> names(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "t" + i).toList();
    }

    @Test
    void aShortListIsShownWhole() {
        assertThat(Excerpt.of(names(3)).joined()).isEqualTo("t1, t2, t3");
        assertThat(Excerpt.of(names(20)).more()).isZero();
        assertThat(Excerpt.of(List.of()).joined()).isEmpty();
    }

    @Test
    void aLongListShowsTheFirstTwentyAndHowManyMore() {
        Excerpt<String> excerpt = Excerpt.of(names(50_000));

        assertThat(excerpt.shown()).hasSize(20).startsWith("t1").endsWith("t20");
        assertThat(excerpt.more()).isEqualTo(49_980);
        assertThat(excerpt.joined()).endsWith("t19, t20 and 49980 more");
    }
}
