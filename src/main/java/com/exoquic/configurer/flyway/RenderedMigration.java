package com.exoquic.configurer.flyway;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A migration rendered from a template. Versioned when {@code version} is set, otherwise repeatable: its
 * checksum covers the rendered SQL, so a changed configuration or catalog re-applies it and an unchanged
 * one does nothing.
 */
public final class RenderedMigration implements JavaMigration {
    private final String version;
    private final String description;
    private final String templateName;
    private final String sql;
    private final MigrationExecutor executor;

    public RenderedMigration(String version, String description, String templateName, String sql,
                             MigrationExecutor executor) {
        this.version = version;
        this.description = description;
        this.templateName = templateName;
        this.sql = sql;
        this.executor = executor;
    }

    /** The Flyway SQL file name this migration would have, e.g. {@code R__3_publication.sql}. */
    public String fileName() {
        return templateName + ".sql";
    }

    public String sql() {
        return sql;
    }

    @Override
    public MigrationVersion getVersion() {
        return version == null ? null : MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(sql.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        executor.execute(context.getConnection(), this);
    }

    @Override
    public String toString() {
        return fileName();
    }
}
