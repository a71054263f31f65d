package com.exoquic.configurer.internal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The options section of {@code --help}, laid out like picocli's but wrapped at spaces only: picocli breaks lines
 * wherever a line-break rule allows, which split URLs, patterns and names ({@code postgres: //}, {@code https://api.
 * exoquic.com}, {@code [a-z0-9_] {1,63}}). A word longer than the column stays whole.
 */
final class OptionList implements CommandLine.IHelpSectionRenderer {
    /** Where descriptions start, as picocli lays them out; longer names put the description on the next line. */
    private static final int DESCRIPTION_COLUMN = 29;
    private final int width;

    OptionList(int width) {
        this.width = width;
    }

    @Override
    public String render(CommandLine.Help help) {
        List<OptionSpec> options = new ArrayList<>(help.commandSpec().options());
        options.removeIf(OptionSpec::hidden);
        options.sort(Comparator.comparing(option -> option.longestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT)));
        StringBuilder out = new StringBuilder();
        for (OptionSpec option : options) {
            String names = names(option, help);
            List<String> lines = wrap(String.join(" ", option.description()), width - DESCRIPTION_COLUMN);
            int first = 0;
            if (names.length() > DESCRIPTION_COLUMN - 1) {
                out.append(names).append('\n');
            } else if (!lines.isEmpty()) {
                out.append(String.format("%-" + DESCRIPTION_COLUMN + "s%s%n", names, lines.get(0)));
                first = 1;
            } else {
                out.append(names).append('\n');
            }
            for (int i = first; i < lines.size(); i++) {
                // Continuation lines are indented two more, as picocli does.
                out.append(" ".repeat(DESCRIPTION_COLUMN + (i == 0 ? 0 : 2))).append(lines.get(i)).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code  -h, --help} or {@code      --url=URL}. */
    private static String names(OptionSpec option, CommandLine.Help help) {
        String shortName = null;
        String longName = option.longestName();
        for (String name : option.names()) {
            if (!name.startsWith("--")) {
                shortName = name;
            }
        }
        String label = help.parameterLabelRenderer().renderParameterLabel(option, CommandLine.Help.Ansi.OFF, List.of())
                .toString();
        return (shortName == null ? "      " : "  " + shortName + ", ") + longName + label;
    }

    /** Greedy wrapping at spaces; a word is never split. */
    static List<String> wrap(String text, int columns) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int limit = lines.isEmpty() ? columns : columns - 2;
            if (line.length() > 0 && line.length() + 1 + word.length() > limit) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
