package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.ConnectionDetails;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.api.StepReport;
import com.exoquic.configurer.api.TableAdvice;
import com.exoquic.configurer.internal.text.Excerpt;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints the migrate report as text or JSON. The password is never part of it. */
final class ReportPrinter {
    private final PrintWriter out;

    ReportPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(MigrationReport report, boolean json) {
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("status", report.restartRequired() ? "restart_required" : report.upToDate() ? "up_to_date" : "configured");
            document.put("restartFor", report.restartFor());
            document.put("steps", report.steps());
            document.put("warnings", report.warnings());
            document.put("tablesWithoutPrimaryKey", report.tablesWithoutPrimaryKey());
            document.put("connection", report.connection());
            out.println(Json.write(document));
        } else {
            text(report);
        }
        out.flush();
    }

    private void text(MigrationReport report) {
        for (StepReport step : report.steps()) {
            out.printf("  %-18s %s: %s%n", "[" + step.outcome().label() + "]", step.step(), step.detail());
        }
        if (!report.tablesWithoutPrimaryKey().isEmpty()) {
            out.printf("%nCaptured tables without a primary key (%d):%n", report.tablesWithoutPrimaryKey().size());
            // A catalog can hold tens of thousands of keyless tables: text shows the first ones, JSON all of them.
            Excerpt<TableAdvice> tables = Excerpt.of(report.tablesWithoutPrimaryKey());
            for (TableAdvice table : tables.shown()) {
                out.printf("  %s (replica identity %s): %s%n", table.table(), table.replicaIdentity(), table.advice());
            }
            if (tables.more() > 0) {
                out.printf("  ... and %d more (--json lists them all)%n", tables.more());
            }
        }
        for (String warning : report.warnings()) {
            out.printf("%nWARNING: %s%n", warning);
        }
        out.println();
        if (report.restartRequired()) {
            out.println("RESTART NEEDED: restart the PostgreSQL server to apply " + String.join(", ", report.restartFor())
                    + ", then run `exoquic-configurer migrate` again to create the slot (or use --wait-for-restart).");
        } else if (report.upToDate()) {
            out.println("Up to date: nothing to do.");
        } else {
            out.println("Done: the database is ready for Exoquic.");
        }
        ConnectionDetails details = report.connection();
        out.printf("%nConnection details for Exoquic:%n  host:        %s%n  port:        %d%n  database:    %s%n"
                        + "  user:        %s%n  password:    (EXOQUIC_REPLICATION_PASSWORD)%n  slot:        %s%n"
                        + "  publication: %s%n",
                details.host(), details.port(), details.database(), details.user(), details.slot(), details.publication());
    }
}
