package com.exoquic.configurer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's README.md as tests read it: the tables it documents rules in. */
public final class Readme {
    private Readme() {
    }

    /** The first table after the heading line {@code heading}: its consecutive lines starting with '|'. */
    public static List<String> table(String heading) {
        List<String> lines = text().lines().toList();
        int start = lines.indexOf(heading);
        assertThat(start).as("README.md has a '%s' section", heading).isNotNegative();
        return lines.subList(start, lines.size()).stream()
                .dropWhile(line -> !line.startsWith("|"))
                .takeWhile(line -> line.startsWith("|"))
                .toList();
    }

    /** A table row's cells, stripped ({@code \|} inside a cell is no separator). */
    public static List<String> cells(String row) {
        String inner = row.strip();
        return Arrays.stream(inner.substring(1, inner.length() - 1).split("(?<!\\\\)\\|", -1)).map(String::strip)
                .toList();
    }

    private static String text() {
        try {
            return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
