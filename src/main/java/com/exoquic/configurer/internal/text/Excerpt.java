package com.exoquic.configurer.internal.text;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The first entries of a list that may hold tens of thousands (names from the catalog), and how many more, so a
 * message or a line of output stays readable whatever the catalog holds; JSON and the API keep the whole list.
 */
public record Excerpt<T>(List<T> shown, int more) {
    /** How many entries a message shows. */
    public static final int SIZE = 20;

    public Excerpt {
        shown = List.copyOf(shown);
    }

    public static <T> Excerpt<T> of(List<T> all) {
        int shown = Math.min(SIZE, all.size());
        return new Excerpt<>(all.subList(0, shown), all.size() - shown);
    }

    /** {@code a, b, c}, or {@code a, b, c and 5 more}. */
    public String joined() {
        return shown.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + (more > 0 ? " and " + more + " more" : "");
    }
}
