package com.exoquic.configurer.internal.config;

import com.exoquic.configurer.internal.sql.Sql;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A PostgreSQL identifier exactly as stored in the catalog (case and spaces kept). {@link #quoted()}
 * is the only way it reaches SQL text.
 */
public final class Identifier implements Comparable<Identifier> {
    public static final int MAX_BYTES = 63;
    private final String name;

    private Identifier(String name) {
        this.name = name;
    }

    /** @throws IllegalArgumentException with a user-facing reason when the name cannot be an identifier */
    public static Identifier of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an identifier cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain a NUL character");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "'" + shortened(name) + "' is " + bytes + " bytes long; PostgreSQL allows at most " + MAX_BYTES);
        }
        return new Identifier(name);
    }

    // A message names the value, but a value can be any length.
    private static String shortened(String name) {
        return name.length() <= 80 ? name : name.substring(0, 80) + "... (" + name.length() + " characters)";
    }

    /** The name as the catalog holds it. */
    public String name() {
        return name;
    }

    /** The name as SQL: a double-quoted identifier. */
    public Sql sql() {
        return Sql.identifier(name);
    }

    /**
     * The name as a double-quoted SQL identifier, inner quotes doubled, as PostgreSQL prints it: for messages and
     * text values. {@link #sql()} differs only for a name holding {@value Sql#FLYWAY_PLACEHOLDER}, which it Unicode-escapes for Flyway.
     */
    public String quoted() {
        return Sql.quotedName(name);
    }

    @Override
    public int compareTo(Identifier other) {
        return name.compareTo(other.name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Identifier && ((Identifier) other).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
