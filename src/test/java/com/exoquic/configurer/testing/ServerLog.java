package com.exoquic.configurer.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements a test server logged with {@code log_statement = 'all'} (prefix {@code '%m [%p] app=%a '}), as
 * sent: text and bound parameters, in order. A multi-line statement is one entry.
 */
public final class ServerLog {
    private static final Pattern PREFIX = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+ \\S+ \\[(\\d+)] app=(\\S*) (\\w+):  (.*)$");
    private static final Pattern STATEMENT = Pattern.compile("^(?:statement|execute [^:]*): (.*)$", Pattern.DOTALL);
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+) = (?:NULL|'((?:[^']++|'')*+)')");

    /** One statement as the server received it. */
    public record Sent(String app, String sql, List<String> parameters) {
    }

    private ServerLog() {
    }

    /** The statements in {@code lines} sent by sessions of {@code application}. */
    public static List<Sent> statements(List<String> lines, String application) {
        List<Sent> sent = new ArrayList<>();
        List<String[]> entries = entries(lines);
        for (int i = 0; i < entries.size(); i++) {
            String[] entry = entries.get(i);
            if (!entry[1].equals(application) || !entry[2].equals("LOG")) {
                continue;
            }
            Matcher statement = STATEMENT.matcher(entry[3]);
            if (!statement.matches()) {
                continue;
            }
            List<String> parameters = new ArrayList<>();
            if (i + 1 < entries.size() && entries.get(i + 1)[2].equals("DETAIL")
                    && entries.get(i + 1)[3].toLowerCase(java.util.Locale.ROOT).startsWith("parameters: ")) {
                Matcher parameter = PARAMETER.matcher(entries.get(i + 1)[3]);
                while (parameter.find()) {
                    parameters.add(parameter.group(2) == null ? null : parameter.group(2).replace("''", "'"));
                }
            }
            sent.add(new Sent(entry[1], statement.group(1), parameters));
        }
        return sent;
    }

    /** The server processes (one per session) that logged a statement sent by {@code application}, in order. */
    public static List<String> sessions(List<String> lines, String application) {
        List<String> sessions = new ArrayList<>();
        for (String[] entry : entries(lines)) {
            if (entry[1].equals(application) && STATEMENT.matcher(entry[3]).matches() && !sessions.contains(entry[0])) {
                sessions.add(entry[0]);
            }
        }
        return sessions;
    }

    /** [pid, app, level, message with its continuation lines]. */
    private static List<String[]> entries(List<String> lines) {
        List<String[]> entries = new ArrayList<>();
        for (String line : lines) {
            Matcher prefix = PREFIX.matcher(line);
            if (prefix.matches()) {
                entries.add(new String[] {prefix.group(1), prefix.group(2), prefix.group(3), prefix.group(4)});
            } else if (!entries.isEmpty()) {
                String[] last = entries.get(entries.size() - 1);
                // the server writes a tab after each line break of a message
                last[3] = last[3] + "\n" + (line.startsWith("\t") ? line.substring(1) : line);
            }
        }
        return entries;
    }
}
