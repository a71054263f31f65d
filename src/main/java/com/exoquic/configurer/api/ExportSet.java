package com.exoquic.configurer.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The two ways of applying the exported migrations, each a set of the same SQL files. */
public enum ExportSet {
    /** For the application's own migration folder and history. */
    DROP_IN,
    /** For a Flyway of its own, its history in {@code exoquic.exoquic_export_history}. */
    SEPARATE_HISTORY;

    /** Its folder under the export folder, and its name on the command line: {@code drop-in}, {@code separate-history}. */
    public String folder() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The set named {@code folder} ({@code drop-in} or {@code separate-history}). */
    public static ExportSet of(String folder) {
        return Arrays.stream(values()).filter(set -> set.folder().equals(folder)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + folder + "' is no export set; use "
                        + Arrays.stream(values()).map(ExportSet::folder).collect(Collectors.joining(" or "))));
    }
}
