package com.exoquic.configurer.cli;

import com.exoquic.configurer.api.PlannedStatement;

import java.io.PrintWriter;
import java.util.List;

/** Prints the dry-run plan: each statement under a comment naming its step. */
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
                    step = statement.step();
                    out.println();
                    out.println("-- step: " + step);
                }
                String sql = statement.sql().strip();
                out.println(sql.endsWith(";") || sql.startsWith("--") ? sql : sql + ";");
            }
        }
        out.flush();
    }
}
