package com.exoquic.configurer.internal.text;

/** A number with its noun, as a sentence says it: "1 problem", "3 problems", never "3 problem(s)". */
public final class Count {
    private Count() {
    }

    /** {@code noun} is the singular; the plural adds an s. */
    public static String of(int count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
