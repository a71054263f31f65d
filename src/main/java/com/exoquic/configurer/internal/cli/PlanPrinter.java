package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.PlannedStatement;

import java.io.PrintWriter;
import java.util.List;

/**
 * Prints the dry-run plan as a script a reader can paste into psql: each step under a comment naming it, bound
 * parameters written in as literals. Comments hold only the tool's own words, never a name.
 */
final class PlanPrinter {
    private final PrintWriter out;

    PlanPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(List<PlannedStatement> plan, boolean json) {
        if (json) {
            out.println(Json.write(plan));
        } else if (plan.isEmpty()) {
            out.println("-- Up to date: migrate would send no change.");
        } else {
            String step = null;
            for (PlannedStatement statement : plan) {
                if (!statement.step().equals(step)) {
                    if (step != null) {
                        out.println();
                    }
                    step = statement.step();
                    out.println("-- step: " + step);
                }
                if (statement.note() != null) {
                    out.println("-- " + statement.note());
                }
                if (statement.sql() != null) {
                    out.println(terminated(statement.inlined().strip()));
                }
            }
        }
        out.flush();
    }

    /** Ends the statement with ';' so the output runs as a script. */
    static String terminated(String sql) {
        return sql.endsWith(";") ? sql : sql + ";";
    }
}
