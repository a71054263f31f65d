package com.exoquic.configurer.internal.sql;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A piece of SQL text, and the one escaping path by which a name or a text reaches SQL. An instance can only be
 * made here: as a quoted identifier, a string literal, a cast of a literal to a type from a closed set, a number,
 * a hex digest, a keyword from a closed set, or a list or sequence of those. The template engine writes nothing
 * else (see {@code SqlTemplates}), so an unescaped string cannot reach SQL text by mistake.
 * <p>
 * No text made here holds {@value #FLYWAY_PLACEHOLDER}, whatever the names: Flyway takes it for the start of a
 * placeholder in any SQL file it reads (and fails on one it has no value for), so the exported migrations work with
 * Flyway's default settings. A name holding it is written with that {@code $} escaped: {@code U&"a\0024{x}"} for
 * an identifier, {@code E'a\x24{x}'} for a literal (a {@code U&'...'} literal would fail where
 * {@code standard_conforming_strings} is off).
 */
public final class Sql {
    /** Flyway's default placeholder prefix. */
    public static final String FLYWAY_PLACEHOLDER = "${";

    private final String text;

    private Sql(String text) {
        this.text = text;
    }

    /**
     * A double-quoted identifier, inner quotes doubled: it cannot end early, whatever the name holds. A name holding
     * {@value #FLYWAY_PLACEHOLDER} becomes a Unicode-escaped identifier ({@code U&"..."}, backslashes doubled, that
     * {@code $} as {@code \0024}), which means the same whatever {@code standard_conforming_strings} is.
     */
    public static Sql identifier(String name) {
        requireText(name, "an identifier");
        if (!name.contains(FLYWAY_PLACEHOLDER)) {
            return new Sql(quotedName(name));
        }
        return new Sql("U&" + quotedName(placeholderFree(name.replace("\\", "\\\\"), "\\0024")));
    }

    /**
     * {@code "name"}, inner quotes doubled, as PostgreSQL prints a name and as {@code regclass} and {@code regrole}
     * read one: for messages and for text that becomes a literal, never SQL text by itself.
     */
    public static String quotedName(String name) {
        requireText(name, "an identifier");
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."name"}. */
    public static Sql qualified(String schema, String name) {
        return new Sql(identifier(schema).text + "." + identifier(name).text);
    }

    /**
     * A string literal that means the same whatever {@code standard_conforming_strings} is: {@code 'text'} with
     * quotes doubled, or, when the value holds a backslash or {@value #FLYWAY_PLACEHOLDER}, {@code E'text'} with
     * backslashes doubled too and that {@code $} written {@code \x24}.
     */
    public static Sql literal(String value) {
        requireNoNul(value, "a literal");
        String quoted = value.replace("'", "''");
        if (value.indexOf('\\') < 0 && !value.contains(FLYWAY_PLACEHOLDER)) {
            return new Sql("'" + quoted + "'");
        }
        return new Sql("E'" + placeholderFree(quoted.replace("\\", "\\\\"), "\\x24") + "'");
    }

    /** {@code text} with the {@code $} of each {@value #FLYWAY_PLACEHOLDER} written as {@code escapedDollar}. */
    private static String placeholderFree(String text, String escapedDollar) {
        return text.replace(FLYWAY_PLACEHOLDER, escapedDollar + "{");
    }

    /** A literal cast to a type the server resolves it with, e.g. {@code '"s"."t"'::regclass}. */
    public static Sql cast(Sql literal, Type type) {
        if (!literal.text.endsWith("'")) {
            throw new IllegalArgumentException("only a literal can be cast: " + literal.text);
        }
        return new Sql(literal.text + "::" + type.text);
    }

    /** The table {@code "schema"."name"} as a regclass: {@code '"schema"."name"'::regclass}. */
    public static Sql regclass(String schema, String name) {
        return cast(literal(quotedName(schema) + "." + quotedName(name)), Type.REGCLASS);
    }

    /** The role as a regrole: {@code '"name"'::regrole}. */
    public static Sql regrole(String name) {
        return cast(literal(quotedName(name)), Type.REGROLE);
    }

    public static Sql number(long value) {
        return new Sql(Long.toString(value));
    }

    /** Hexadecimal digits only: the one kind of value a template may write into a comment, with numbers. */
    public static Sql hex(byte[] digest) {
        return new Sql(HexFormat.of().formatHex(digest));
    }

    public static Sql keyword(Keyword keyword) {
        return new Sql(keyword.text);
    }

    /** The parts separated by {@code ", "}. */
    public static Sql list(List<Sql> parts) {
        return new Sql(parts.stream().map(part -> part.text).collect(Collectors.joining(", ")));
    }

    /** The parts separated by a space. */
    public static Sql sequence(Sql... parts) {
        return new Sql(List.of(parts).stream().map(part -> part.text).collect(Collectors.joining(" ")));
    }

    /** A dollar-quote tag, {@code $name$}; only the template renderer makes them, for a body it has checked. */
    public static Sql dollarTag(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a dollar-quote tag name: " + name);
        }
        return new Sql("$" + name + "$");
    }

    /** The SQL text. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sql sql && sql.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private static void requireText(String value, String what) {
        requireNoNul(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " cannot be empty");
        }
    }

    private static void requireNoNul(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " cannot be null");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " cannot contain a NUL character");
        }
    }

    /** The types a literal may be cast to. */
    public enum Type {
        REGCLASS("regclass"),
        REGROLE("regrole");

        private final String text;

        Type(String text) {
            this.text = text;
        }
    }

    /** SQL words a model may choose between; nothing else of a model's is written as bare SQL. */
    public enum Keyword {
        TABLE("TABLE"),
        TABLES_IN_SCHEMA("TABLES IN SCHEMA");

        private final String text;

        Keyword(String text) {
            this.text = text;
        }
    }
}
