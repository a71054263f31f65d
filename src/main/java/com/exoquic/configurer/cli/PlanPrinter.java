package com.exoquic.configurer.cli;

import com.exoquic.configurer.api.PlannedStatement;

import java.io.PrintWriter;
import java.util.ArrayList;
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
                out.println(terminated(statement.sql().strip()));
            }
        }
        out.flush();
    }

    /** Ends the SQL with ';' on its last line that is not a comment, so the output runs as a script. */
    static String terminated(String sql) {
        List<String> lines = new ArrayList<>(sql.lines().toList());
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (!line.strip().startsWith("--")) {
                if (!line.strip().endsWith(";")) {
                    lines.set(i, line + ";");
                }
                break;
            }
        }
        return String.join("\n", lines);
    }
}
