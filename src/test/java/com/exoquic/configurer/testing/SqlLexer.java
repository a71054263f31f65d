package com.exoquic.configurer.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text the way PostgreSQL's lexer does, into quoted literals, quoted identifiers, dollar-quoted bodies,
 * comments and the rest; for tests that check where a name ended up. A {@code --} comment ends at {@code \n} or
 * {@code \r}; block comments nest; {@code E'...'} takes backslash escapes.
 */
public final class SqlLexer {
    public enum Kind { LITERAL, IDENTIFIER, DOLLAR_BODY, COMMENT, CODE }

    /** {@code text}: the content (a body without its tags); {@code raw}: the token as written. */
    public record Token(Kind kind, String text, String raw) {
    }

    private final String sql;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();
    private final StringBuilder code = new StringBuilder();

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /** The tokens of {@code sql}; an unterminated quote, body or comment fails. */
    public static List<Token> tokens(String sql) {
        return new SqlLexer(sql).run();
    }

    /** The statements of a script, split at each ';' outside quotes, bodies and comments; trimmed, empty ones dropped. */
    public static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (Token token : tokens(sql)) {
            if (token.kind() != Kind.CODE) {
                current.append(token.raw());
                continue;
            }
            for (char c : token.text().toCharArray()) {
                if (c == ';') {
                    add(statements, current);
                } else {
                    current.append(c);
                }
            }
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String text = current.toString().strip();
        if (!text.isEmpty()) {
            statements.add(text);
        }
        current.setLength(0);
    }

    private List<Token> run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\'') {
                literal(isEscapeStringStart());
            } else if (c == '"') {
                identifier();
            } else if (c == '-' && next('-')) {
                lineComment();
            } else if (c == '/' && next('*')) {
                blockComment();
            } else if (c == '$' && dollarTagAt(pos) != null && !identifierCharBefore(pos)) {
                dollarBody(dollarTagAt(pos));
            } else {
                code.append(c);
                pos++;
            }
        }
        flush();
        return tokens;
    }

    private boolean isEscapeStringStart() {
        return code.length() > 0 && (code.charAt(code.length() - 1) == 'E' || code.charAt(code.length() - 1) == 'e')
                && (code.length() == 1 || !isIdentifierChar(code.charAt(code.length() - 2)));
    }

    private void literal(boolean escapes) {
        int start = pos++;
        while (true) {
            require(pos < sql.length(), "unterminated literal");
            char c = sql.charAt(pos++);
            if (escapes && c == '\\') {
                pos++;
            } else if (c == '\'') {
                if (pos < sql.length() && sql.charAt(pos) == '\'') {
                    pos++;
                } else {
                    break;
                }
            }
        }
        add(Kind.LITERAL, sql.substring(start, pos));
    }

    private void identifier() {
        int start = pos++;
        while (true) {
            require(pos < sql.length(), "unterminated identifier");
            char c = sql.charAt(pos++);
            if (c == '"') {
                if (pos < sql.length() && sql.charAt(pos) == '"') {
                    pos++;
                } else {
                    break;
                }
            }
        }
        add(Kind.IDENTIFIER, sql.substring(start, pos));
    }

    private void lineComment() {
        int start = pos;
        while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            pos++;
        }
        add(Kind.COMMENT, sql.substring(start, pos));
    }

    private void blockComment() {
        int start = pos;
        int depth = 0;
        do {
            require(pos + 1 < sql.length(), "unterminated block comment");
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
            } else {
                pos++;
            }
        } while (depth > 0);
        add(Kind.COMMENT, sql.substring(start, pos));
    }

    private void dollarBody(String tag) {
        int bodyStart = pos + tag.length();
        int end = sql.indexOf(tag, bodyStart);
        require(end >= 0, "unterminated dollar-quoted body " + tag);
        pos = end + tag.length();
        flush();
        tokens.add(new Token(Kind.DOLLAR_BODY, sql.substring(bodyStart, end), sql.substring(bodyStart - tag.length(), pos)));
    }

    /** {@code $tag$} or {@code $$} starting at {@code at}, or null ({@code $1} is a parameter). */
    private String dollarTagAt(int at) {
        int end = at + 1;
        while (end < sql.length() && isIdentifierChar(sql.charAt(end)) && sql.charAt(end) != '$') {
            end++;
        }
        if (end >= sql.length() || sql.charAt(end) != '$') {
            return null;
        }
        String name = sql.substring(at + 1, end);
        return name.isEmpty() || !Character.isDigit(name.charAt(0)) ? sql.substring(at, end + 1) : null;
    }

    private boolean identifierCharBefore(int at) {
        return at > 0 && isIdentifierChar(sql.charAt(at - 1)) && code.length() > 0;
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private boolean next(char c) {
        return pos + 1 < sql.length() && sql.charAt(pos + 1) == c;
    }

    private void add(Kind kind, String text) {
        flush();
        tokens.add(new Token(kind, text, text));
    }

    private void flush() {
        if (code.length() > 0) {
            tokens.add(new Token(Kind.CODE, code.toString(), code.toString()));
            code.setLength(0);
        }
    }

    private void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem + " at offset " + pos + " of:\n" + sql);
        }
    }
}
