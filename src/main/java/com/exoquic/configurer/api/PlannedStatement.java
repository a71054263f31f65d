package com.exoquic.configurer.api;

import com.exoquic.configurer.internal.sql.Sql;

import java.util.List;

/**
 * One statement the run sends, and the step it belongs to. {@code sql} is the text as sent, with {@code $1},
 * {@code $2}, ... standing for {@code parameters} (bound, never part of the text); secrets in it are already
 * masked. {@code note} is the tool's own remark on the statement (fixed text, never a name), or null. A planned
 * action that is no SQL (the cloud registration, a step left to the user) has a note and no SQL.
 */
public record PlannedStatement(String step, String sql, List<String> parameters, String note) {
    public PlannedStatement {
        parameters = List.copyOf(parameters);
    }

    public PlannedStatement(String step, String sql) {
        this(step, sql, List.of(), null);
    }

    /** A planned action that sends no SQL, described by {@code note}. */
    public static PlannedStatement action(String step, String note) {
        return new PlannedStatement(step, null, List.of(), note);
    }

    /** The SQL with each bound parameter written in as a literal: what a reader can paste into psql. */
    public String inlined() {
        if (sql == null) {
            return null;
        }
        String text = sql;
        for (int i = parameters.size(); i >= 1; i--) {
            text = text.replace("$" + i, Sql.literal(parameters.get(i - 1)).text());
        }
        return text;
    }
}
