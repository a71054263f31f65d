package com.exoquic.configurer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The SQL text of the project's sources, for tests that read what the tool's SQL calls without running it. */
public final class SqlSources {
    /** Mustache's own comments hold prose (apostrophes), not SQL. */
    private static final Pattern MUSTACHE_COMMENT = Pattern.compile("\\{\\{!.*?}}", Pattern.DOTALL);
    private static final Pattern JAVA_STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

    /** A piece of SQL text and the file it comes from. */
    public record Text(String file, String sql) {
    }

    private SqlSources() {
    }

    /** Every template under {@code folder}, its Mustache comments left out and its {@code {{dollar}}} tags written in. */
    public static List<Text> templates(Path folder) {
        List<Text> texts = new ArrayList<>();
        for (Path file : files(folder, ".mustache")) {
            texts.add(new Text(file.getFileName().toString(),
                    MUSTACHE_COMMENT.matcher(read(file)).replaceAll(" ").replace("{{dollar}}", "$exoquic$")));
        }
        return texts;
    }

    /** Every string literal and text block of the Java sources under {@code folder} (SQL or not: callers choose). */
    public static List<Text> javaStrings(Path folder) {
        List<Text> texts = new ArrayList<>();
        for (Path file : files(folder, ".java")) {
            Matcher string = JAVA_STRING.matcher(read(file));
            while (string.find()) {
                String text = string.group(1) != null ? string.group(1) : string.group(2).replace("\\\"", "\"");
                texts.add(new Text(file.getFileName().toString(), text));
            }
        }
        return texts;
    }

    private static List<Path> files(Path folder, String suffix) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
