package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.PlannedStatement;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A migration rendered from a template, applied by Flyway with its history in {@code exoquic}. Versioned when
 * {@code version} is set, otherwise repeatable: its checksum covers the rendered SQL, so a changed configuration or
 * catalog re-applies it and an unchanged one does nothing. {@code pending}: what the history says Flyway will do.
 */
public final class MigrationStep implements Step {
    private final String version;
    private final String description;
    private final String templateName;
    private final String sql;
    private final MigrationExecutor executor;
    private final boolean pending;
    private final boolean adopted;
    private final String warning;
    private final String note;

    /** {@code warning}: for the report when it runs; {@code note}: for its preview (the tool's own words, no name). */
    MigrationStep(String version, String description, String templateName, String sql, MigrationExecutor executor,
                  History history, String warning, String note) {
        this.version = version;
        this.description = description;
        this.templateName = templateName;
        this.sql = sql;
        this.executor = executor;
        this.adopted = history.adopted(version, description, DropIn.flywayChecksum(DropIn.sql(this)));
        this.pending = !adopted && history.pending(version, description, checksum(sql));
        this.warning = warning;
        this.note = note;
    }

    /** The Flyway SQL file name this migration would have, e.g. {@code R__3_publication.sql}. */
    public String fileName() {
        return templateName + ".sql";
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    /** Applied through the exported set by another Flyway history: migrate's Flyway does not see it. */
    public boolean adopted() {
        return adopted;
    }

    public String sql() {
        return sql;
    }

    public int checksum() {
        return checksum(sql);
    }

    @Override
    public String name() {
        return description.replaceFirst("^\\d+ ", "");
    }

    @Override
    public Phase phase() {
        return Phase.MIGRATIONS;
    }

    @Override
    public List<PlannedStatement> preview() {
        if (!pending) {
            return List.of();
        }
        String step = "migration " + fileName();
        List<PlannedStatement> preview = new ArrayList<>();
        if (note != null) {
            preview.add(PlannedStatement.action(step, note));
        }
        preview.addAll(statements(step));
        return preview;
    }

    /** The statements apply sends, under the step name {@code step}. */
    List<PlannedStatement> statements(String step) {
        return executor.statements(sql).stream().map(statement -> new PlannedStatement(step, statement)).toList();
    }

    /** Runs inside Flyway's transaction. */
    @Override
    public StepResult apply(Connection connection) throws SQLException {
        executor.execute(connection, description, sql);
        StepResult result = StepResult.of(name(), Outcome.DONE, fileName());
        return warning == null ? result : result.withWarning(warning);
    }

    @Override
    public StepResult notApplied() {
        return StepResult.of(name(), Outcome.ALREADY_IN_PLACE, fileName());
    }

    private static int checksum(String sql) {
        CRC32 crc = new CRC32();
        crc.update(sql.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
