package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every line the CLI prints is meant for a person: no logger prefixes, and the info table's columns line up. */
@ExtendWith(PostgresExtension.class)
@ServerConfig("wal_level = logical")
class CliOutputTest {
    /** {@code   [done]             grants: R__2_grants.sql}: the outcome and the step's name. */
    private static final Pattern REPORT_LINE = Pattern.compile("^\\s+\\[([a-z ]+)]\\s+(.+?): ");
    /** {@code grants: done (0.0 s)}: the step's name and its time. */
    private static final Pattern PROGRESS_LINE = Pattern.compile("^(.+): [a-z ]+ \\((\\d+\\.\\d) s\\)$");

    @Test
    void migrateHasNoLoggerPrefixAndInfoColumnsAlign(PostgresServer server) {
        server.createDatabase("shop");
        server.execute("shop", "CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.events (at timestamptz)");
        Map<String, String> env = Cli.env(server, "shop");

        Cli.Result migrate = Cli.run(env, "migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        assertThat(migrate.out() + migrate.err())
                .doesNotContainPattern("\\[main\\]|\\b(WARN|INFO|DEBUG)\\b|com\\.exoquic|org\\.flywaydb");

        Cli.Result info = Cli.run(env, "info");
        assertThat(info.exit()).as(info.toString()).isZero();
        List<String> table = info.out().lines().takeWhile(line -> !line.isBlank()).toList();
        assertThat(table).hasSizeGreaterThan(3);
        List<List<Integer>> separators = table.stream().map(CliOutputTest::separatorColumns).toList();
        assertThat(separators.stream().distinct().collect(Collectors.toList()))
                .as("the '|' of every row at the same columns:%n%s", String.join("\n", table)).hasSize(1);
        assertThat(info.out()).doesNotContain("repeatable");
    }

    /**
     * Each step once: its line in the report. A progress line on stderr is only for a step that ran a second or more
     * (a long step), so a short run's output is not the report twice.
     */
    @Test
    void aShortFirstRunPrintsEachStepOnce(PostgresServer server) {
        server.createDatabase("shop");
        server.execute("shop", "CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.events (at timestamptz)");

        Cli.Result first = Cli.run(Cli.env(server, "shop"), "migrate");
        assertThat(first.exit()).as(first.toString()).isZero();
        List<Matcher> report = first.out().lines().map(REPORT_LINE::matcher).filter(Matcher::find).toList();
        assertThat(report.stream().map(line -> line.group(2))).as(first.toString())
                .hasSizeGreaterThanOrEqualTo(10).doesNotHaveDuplicates();
        assertThat(report.stream().filter(line -> line.group(1).equals("done")).map(line -> line.group(2)))
                .as("steps that did work").contains("grants", "publication", "replication slot");
        (first.out() + first.err()).lines().map(PROGRESS_LINE::matcher).filter(Matcher::matches)
                .forEach(line -> assertThat(Double.parseDouble(line.group(2)))
                        .as("a progress line for a short step repeats the report: %s%n%s", line.group(), first)
                        .isGreaterThanOrEqualTo(1.0));
        assertThat(first.out() + first.err()).as("no terminal control in a log").doesNotContain("\r", "\033");
    }

    /**
     * On a terminal each step that does work shows once, as it ends, on one status line rewritten in place; the line
     * is cleared before the report, so the screen keeps each step once: the report's line.
     */
    @Test
    void onATerminalEachStepShowsOnceAndTheScreenKeepsOnlyTheReport(PostgresServer server) {
        server.createDatabase("shop");
        server.execute("shop", "CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.events (at timestamptz)");

        Cli.Result first = Cli.runOnTerminal(Cli.env(server, "shop"), "migrate");
        assertThat(first.exit()).as(first.toString()).isZero();
        List<String> done = first.out().lines().map(REPORT_LINE::matcher).filter(Matcher::find)
                .filter(line -> line.group(1).equals("done")).map(line -> line.group(2)).toList();
        assertThat(done).as(first.toString()).contains("grants", "publication", "replication slot");
        List<String> shown = Pattern.compile("\r([^\r\n\033]+)\033\\[K").matcher(first.err()).results()
                .map(match -> match.group(1)).filter(text -> !text.isEmpty()).toList();
        assertThat(shown).as("each step that did work, once, on the status line:%n%s", first)
                .allMatch(text -> PROGRESS_LINE.matcher(text).matches())
                .extracting(text -> PROGRESS_LINE.matcher(text).replaceFirst("$1"))
                .doesNotHaveDuplicates().containsAll(done);
        assertThat(screen(first.err())).as("what stays on the screen from stderr: %s", first).isEmpty();
        assertThat(first.out()).doesNotContain("\r", "\033");
    }

    /** The lines a terminal keeps after printing {@code text}: a carriage return goes to the line's start, ESC[K erases to its end. */
    private static List<String> screen(String text) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        int cursor = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                cursor = 0;
            } else if (c == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                cursor = 0;
            } else if (text.startsWith("\033[K", i)) {
                line.setLength(cursor);
                i += 2;
            } else {
                if (cursor < line.length()) {
                    line.setCharAt(cursor, c);
                } else {
                    line.append(c);
                }
                cursor++;
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static List<Integer> separatorColumns(String line) {
        return java.util.stream.IntStream.range(0, line.length()).filter(i -> line.charAt(i) == '|').boxed().toList();
    }
}
