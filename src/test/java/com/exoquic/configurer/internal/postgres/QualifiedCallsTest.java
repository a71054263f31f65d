package com.exoquic.configurer.internal.postgres;

import org.junit.jupiter.api.Tag;
import com.exoquic.configurer.testing.SqlLexer;
import com.exoquic.configurer.testing.SqlSources;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every function the tool's own SQL calls is schema-qualified ({@code pg_catalog.unnest(...)}), in every template and
 * every SQL statement of the Java sources: the sessions' search path holds only pg_catalog already (see
 * FunctionShadowingTest), and a qualified call stays safe should a session ever miss it. Keywords that take
 * parentheses and alias lists ({@code AS t(a, b)}) are no calls.
 */
@Tag("unit")
class QualifiedCallsTest {
    private static final Set<String> NOT_CALLS = Set.of("in", "exists", "any", "all", "array", "values", "coalesce",
            "nullif", "greatest", "least", "cast", "row", "over", "filter", "lateral", "using", "on", "and", "or", "not",
            "when", "then", "else", "if", "select", "from", "join", "where", "by", "with", "set", "tag", "table",
            "returns", "into", "case", "rows", "exception", "as", "conflict", "check");
    private static final Pattern CALL = Pattern.compile("(?<![\\w.$\"])([A-Za-z_][A-Za-z0-9_$]*)\\s*\\(");
    private static final Pattern ALIAS = Pattern.compile("(?i)\\bAS\\s+$");
    /** A Java string that is SQL the tool sends: it starts with a keyword in capitals or casts to a type (prose does neither). */
    private static final Pattern SQL_STATEMENT = Pattern.compile(
            "(?s)\\s*(\\(?SELECT|WITH|ALTER|CREATE|GRANT|REVOKE|DROP|SET|RESET|DO|INSERT|UPDATE|DELETE|COMMENT)\\b.*|.*::[A-Za-z].*");

    @Test
    void everyTemplateQualifiesItsCalls() {
        List<String> unqualified = new ArrayList<>();
        for (SqlSources.Text template : SqlSources.templates(Path.of("sql-templates"))) {
            unqualified(template.sql()).forEach(call -> unqualified.add(template.file() + ": " + call));
        }
        assertThat(unqualified).isEmpty();
    }

    @Test
    void everySqlStatementOfTheJavaSourcesQualifiesItsCalls() {
        List<String> unqualified = new ArrayList<>();
        int statements = 0;
        for (SqlSources.Text text : SqlSources.javaStrings(Path.of("src/main/java"))) {
            if (SQL_STATEMENT.matcher(text.sql()).matches()) {
                statements++;
                unqualified(lexable(text.sql())).forEach(call -> unqualified.add(text.file() + ": " + call));
            }
        }
        assertThat(statements).as("SQL statements found in the sources").isGreaterThan(20);
        assertThat(unqualified).isEmpty();
    }

    /** A fragment that ends inside a literal (a value is concatenated after it) gets the literal closed. */
    private static String lexable(String fragment) {
        try {
            SqlLexer.tokens(fragment);
            return fragment;
        } catch (IllegalArgumentException unterminated) {
            return fragment + "'";
        }
    }

    /** The unqualified calls in the code and dollar-quoted bodies of {@code sql} (literals and comments are no code). */
    private static List<String> unqualified(String sql) {
        List<String> calls = new ArrayList<>();
        for (SqlLexer.Token token : SqlLexer.tokens(sql)) {
            if (token.kind() == SqlLexer.Kind.DOLLAR_BODY) {
                calls.addAll(unqualified(token.text()));
            } else if (token.kind() == SqlLexer.Kind.CODE) {
                Matcher call = CALL.matcher(token.text());
                while (call.find()) {
                    String name = call.group(1);
                    if (!NOT_CALLS.contains(name.toLowerCase(Locale.ROOT))
                            && !ALIAS.matcher(token.text().substring(0, call.start())).find()) {
                        calls.add(name + "(");
                    }
                }
            }
        }
        return calls;
    }
}
