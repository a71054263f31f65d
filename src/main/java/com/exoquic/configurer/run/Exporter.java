package com.exoquic.configurer.run;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.ExportResult;
import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.plan.MigrationStep;
import com.exoquic.configurer.plan.Planner;
import com.exoquic.configurer.plan.RunOptions;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** export: the planned migrations as plain Flyway SQL files, with a README on the steps that are no migrations. */
public final class Exporter {
    private static final String README = """
            # Exoquic migrations (exported by exoquic-configurer export)

            These files were rendered for one database's configuration and catalog. Copy them into your Flyway
            migration folder, or point a Flyway `locations` entry at this folder with its own history table
            (recommended: `schemas=exoquic`, `table=flyway_schema_history`). Turn Flyway's placeholder replacement
            off for them (`placeholderReplacement=false`): table names are written as SQL literals and may hold `${`.

            Three steps cannot run as SQL migrations and are not in these files:
            1. Server settings: `ALTER SYSTEM` cannot run inside a transaction. Before migrating, a superuser runs
               `ALTER SYSTEM SET wal_level = 'logical'` (and max_replication_slots / max_wal_senders >= 5),
               `SELECT pg_reload_conf()`, then restarts the server.
            2. The replication password: set it with pgjdbc's `PGConnection.alterUserPassword(...)` or psql's
               `\\password`, so the plain password never lands in a file or the server log.
            3. The slot: `SELECT pg_create_logical_replication_slot('<slot>', 'pgoutput')` in autocommit, after the
               restart.
            Or register `com.exoquic.configurer.ExoquicCallback` with your Flyway (see the project README),
            which does all three and applies these migrations with their own history.

            Re-export when the table list or the catalog changes (for example a new table without a primary key):
            the repeatable (R__) files then change and Flyway re-applies them.
            """;

    private final Settings settings;
    private final DataSource dataSource;
    private final RunOptions options;

    public Exporter(Settings settings, DataSource dataSource, RunOptions options) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.options = options;
    }

    public ExportResult export(Path dir) {
        Planner.Planned planned = new Planner(settings, options).planReadOnly(dataSource);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (MigrationStep migration : planned.plan().migrations()) {
                written.add(Files.writeString(dir.resolve(migration.fileName()), migration.sql(), StandardCharsets.UTF_8));
            }
            written.add(Files.writeString(dir.resolve("README.md"), README, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurerException(ErrorCode.FAILED, "Cannot write to " + dir + ": " + e.getMessage(), e);
        }
        return new ExportResult(written, planned.problems());
    }
}
