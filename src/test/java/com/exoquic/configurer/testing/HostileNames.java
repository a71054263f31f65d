package com.exoquic.configurer.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Names anyone who may create a table can choose: each holds a character or sequence that ends a comment, a
 * quote or a dollar-quoted body, or that Flyway takes for a placeholder in a file it reads (${ alone, which it
 * fails on, and {@code ${flyway:user}}, which it replaces), followed by a statement that would make the role
 * {@value #ROLE} a superuser should it ever run. All are legal PostgreSQL identifiers (at most 63 bytes, no NUL).
 */
public final class HostileNames {
    /** The low-privilege role of the tests that owns the hostile tables. */
    public static final String ROLE = "lp";
    /** What must never run: it stands in each name after the marker. */
    public static final String PAYLOAD = ";ALTER ROLE lp SUPERUSER;--";
    public static final List<String> MARKERS = List.of(
            "\r", "\n", "--", "/*", "*/", ";", "'", "\"", "\\", "$$", "$exoquic$", "$a$", "\u0007", "${",
            "${flyway:user}");

    private HostileNames() {
    }

    /** One name per marker: {@code prefix + marker + PAYLOAD}, and a 63-byte multibyte name. */
    public static List<String> names(String prefix) {
        List<String> names = new ArrayList<>();
        for (String marker : MARKERS) {
            names.add(prefix + marker + PAYLOAD);
        }
        names.add(multibyte(prefix));
        return names;
    }

    /** Exactly 63 bytes of two-byte characters after the prefix. */
    static String multibyte(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        while (name.toString().getBytes(StandardCharsets.UTF_8).length + 2 <= 63) {
            name.append('ü');
        }
        while (name.toString().getBytes(StandardCharsets.UTF_8).length < 63) {
            name.append('x');
        }
        return name.toString();
    }

    /** The name as a double-quoted identifier, e.g. for {@code TABLES_TO_CAPTURE} or a test's own SQL. */
    public static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A TABLES_TO_CAPTURE list of {@code "schema"."name"} entries. */
    public static String tableList(String schema, List<String> names) {
        return String.join(", ", names.stream().map(name -> quoted(schema) + "." + quoted(name)).toList());
    }
}
