package com.exoquic.configurer.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions and operators SQL text calls, found lexically with {@link SqlLexer}: every name followed by
 * {@code (} (qualified or not) and every operator, in the code, in dollar-quoted bodies and in literals (a query
 * handed over as text, to query_to_xml or EXECUTE, is SQL too). Keyword forms count as their operators (LIKE is
 * {@code ~~}, IN is {@code =}, ...). It over-approximates (a keyword or an alias list before {@code (} comes along):
 * callers keep what the server knows as a function or operator.
 */
public final class SqlCalls {
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*)\\s*\\(");
    private static final Pattern OPERATOR = Pattern.compile("[+\\-*/<>=~!@#%^&|`?]+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");
    private static final Pattern LOOKS_LIKE_SQL = Pattern.compile(
            "(?i)\\b(select|from|where|alter|create|grant|revoke|drop|insert|update|delete)\\b");

    private final Set<String> functions = new TreeSet<>();
    private final Set<String> operators = new TreeSet<>();

    public Set<String> functions() {
        return functions;
    }

    public Set<String> operators() {
        return operators;
    }

    /** Adds what {@code sql} calls; text that does not lex as SQL is scanned as it is. */
    public SqlCalls add(String sql) {
        if (sql == null) {
            return this;
        }
        List<SqlLexer.Token> tokens;
        try {
            tokens = SqlLexer.tokens(sql);
        } catch (IllegalArgumentException notSql) {
            code(sql);
            return this;
        }
        for (SqlLexer.Token token : tokens) {
            switch (token.kind()) {
                case CODE -> code(token.text());
                case DOLLAR_BODY -> add(token.text());
                case LITERAL -> {
                    String text = token.text();
                    if (text.length() > 2 && text.endsWith("'")) {
                        add(text.substring(text.indexOf('\'') + 1, text.length() - 1).replace("''", "'"));
                    }
                }
                default -> { }
            }
        }
        return this;
    }

    public SqlCalls addAll(SqlCalls other) {
        functions.addAll(other.functions);
        operators.addAll(other.operators);
        return this;
    }

    /** Every template under {@code folder}, as written (the names its models fill in call nothing). */
    public SqlCalls addTemplates(Path folder) {
        SqlSources.templates(folder).forEach(template -> add(template.sql()));
        return this;
    }

    /** Every string literal and text block of the Java sources under {@code folder} that looks like SQL. */
    public SqlCalls addJavaStrings(Path folder) {
        SqlSources.javaStrings(folder).stream().filter(text -> LOOKS_LIKE_SQL.matcher(text.sql()).find())
                .forEach(text -> add(text.sql()));
        return this;
    }

    private void code(String code) {
        Matcher call = CALL.matcher(code);
        while (call.find()) {
            functions.add(call.group(1).toLowerCase(Locale.ROOT));
        }
        Matcher operator = OPERATOR.matcher(code);
        while (operator.find()) {
            String symbol = operator.group();
            if (!symbol.equals("=>")) { // named argument notation, not an operator
                operators.add(symbol);
            }
        }
        Matcher word = WORD.matcher(code);
        while (word.find()) {
            switch (word.group().toUpperCase(Locale.ROOT)) {
                case "LIKE" -> operators.addAll(List.of("~~", "!~~"));
                case "ILIKE" -> operators.addAll(List.of("~~*", "!~~*"));
                case "IN", "ANY", "ALL", "DISTINCT", "WHEN", "NULLIF" -> operators.addAll(List.of("=", "<>"));
                case "BETWEEN" -> operators.addAll(List.of(">=", "<="));
                case "GREATEST", "LEAST" -> operators.addAll(List.of("<", ">"));
                default -> { }
            }
        }
    }
}
