package com.exoquic.configurer.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Parses {@code TABLES_TO_CAPTURE}: comma-separated {@code table}, {@code schema.table} or
 * {@code schema.*}, each part plain (folded to lower case, as PostgreSQL does) or double-quoted
 * (kept exactly, {@code ""} for a quote). An unqualified name means {@code public}; duplicates collapse.
 */
public final class TableListParser {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private final String text;
    private int pos;

    private TableListParser(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the offending entry and how to write it */
    public static CaptureSet parse(String text) {
        if (text == null || text.isBlank()) {
            return CaptureSet.allTables();
        }
        return new TableListParser(text).entries();
    }

    private CaptureSet entries() {
        TreeSet<TableName> tables = new TreeSet<>();
        TreeSet<Identifier> schemas = new TreeSet<>();
        List<String> inputOrder = new ArrayList<>();
        while (true) {
            skipSpaces();
            int start = pos;
            List<String> parts = new ArrayList<>();
            parts.add(part());
            skipSpaces();
            if (peek('.')) {
                pos++;
                skipSpaces();
                parts.add(peek('*') ? star() : part());
                skipSpaces();
            }
            try {
                if (parts.size() == 2 && parts.get(1) == null) {
                    Identifier schema = Identifier.of(parts.get(0));
                    schemas.add(schema);
                    inputOrder.add(schema.quoted() + ".*");
                } else {
                    TableName table = parts.size() == 2 ? TableName.of(parts.get(0), parts.get(1))
                            : TableName.of("public", parts.get(0));
                    tables.add(table);
                    inputOrder.add(table.quoted());
                }
            } catch (IllegalArgumentException e) {
                pos = start;
                throw error(e.getMessage()); // say which entry of the list is bad
            }
            if (pos == text.length()) {
                break;
            }
            if (!peek(',')) {
                throw error("expected ',' or the end of the list");
            }
            pos++;
        }
        // A table inside a captured schema is already covered.
        tables.removeIf(table -> schemas.contains(table.schema()));
        return new CaptureSet(new ArrayList<>(tables), new ArrayList<>(schemas), inputOrder);
    }

    private String part() {
        if (peek('"')) {
            return quoted();
        }
        int start = pos;
        while (pos < text.length() && ",.\"".indexOf(text.charAt(pos)) < 0
                && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.isEmpty()) {
            throw error("expected a table name");
        }
        if (!PLAIN.matcher(word).matches()) {
            throw new IllegalArgumentException("'" + word + "' is not a plain name (letters, digits, _ and $,"
                    + " not starting with a digit); write it in double quotes, for example \"" + word + "\"");
        }
        return word.toLowerCase(Locale.ROOT);
    }

    private String quoted() {
        StringBuilder name = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c != '"') {
                name.append(c);
            } else if (peek('"')) {
                name.append('"');
                pos++;
            } else {
                return name.toString();
            }
        }
        throw error("a double-quoted name is not closed");
    }

    private String star() {
        pos++;
        return null;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        // A list can be long: the message shows the part around the position only.
        int from = Math.max(0, pos - 40);
        int to = Math.min(text.length(), pos + 80);
        String around = (from > 0 ? "..." : "") + text.substring(from, to) + (to < text.length() ? "..." : "");
        return new IllegalArgumentException(what + " at position " + (pos + 1) + " of '" + around + "'");
    }
}
