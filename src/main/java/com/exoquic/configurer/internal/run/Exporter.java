package com.exoquic.configurer.internal.run;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.ExportResult;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.plan.DropIn;
import com.exoquic.configurer.internal.plan.MigrationStep;
import com.exoquic.configurer.internal.plan.Planner;
import com.exoquic.configurer.internal.plan.RunOptions;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * export: the planned migrations as plain Flyway SQL files, in two folders (one for the application's own
 * migration folder, one for a Flyway of their own), with a README on both and on the steps that are no migrations.
 */
public final class Exporter {
    /** Set for the application's own migration folder and history. */
    public static final String DROP_IN = "drop-in";
    /** Set for a Flyway of its own, history in {@code exoquic.exoquic_export_history}. */
    public static final String SEPARATE_HISTORY = "separate-history";
    public static final String SEPARATE_HISTORY_TABLE = "exoquic_export_history";

    private static final String README = """
            # Exoquic migrations (exported by exoquic-configurer export)

            Rendered for one database's configuration and catalog. Two copies of the same SQL files, for two ways
            of applying them. Either way, turn Flyway's placeholder replacement off for them
            (`placeholderReplacement=false`): table names are written as SQL literals and may hold `${`.

            ## drop-in/: into your application's migration folder

            Copy `drop-in/R__exoquic_*.sql` next to your own migrations. They are repeatable migrations (`R__`):
            they have no version, so they cannot collide with yours (V1, V2, ... or timestamps), and Flyway runs
            them after your versioned ones, in name order. The first creates the schema it needs, `exoquic`; one
            that already exists is used only when the role applying the files (or a superuser) owns it, so apply them
            as the admin role that would run exoquic-configurer. They are recorded in your application's history
            table.

            ## separate-history/: a Flyway of their own

            Keeps them out of your application's history: run Flyway on this folder with `schemas=exoquic`,
            `table=%s` and `placeholderReplacement=false`, e.g.
            `flyway -locations=filesystem:separate-history -schemas=exoquic -table=%s -placeholderReplacement=false migrate`.

            ## What the files cannot do

            Three steps cannot run as SQL migrations and are not in these files:
            1. Server settings: `ALTER SYSTEM` cannot run inside a transaction. Before migrating, a superuser runs
               `ALTER SYSTEM SET wal_level = 'logical'` (and max_replication_slots / max_wal_senders >= 5),
               `SELECT pg_reload_conf()`, then restarts the server.
            2. The replication password: set it with pgjdbc's `PGConnection.alterUserPassword(...)` or psql's
               `\\password`, so the plain password never lands in a file or the server log.
            3. The slot: `SELECT pg_create_logical_replication_slot('<slot>', 'pgoutput')` in autocommit, after the
               restart.
            `exoquic-configurer migrate` does all three. It recognises the migrations applied from either folder (by
            script name and checksum, in any Flyway history table it can read) and does not send them again; it
            starts its own history in `exoquic.flyway_schema_history` with a baseline row.

            Re-export when the table list or the catalog changes (for example a new table without a primary key):
            the files then change and Flyway re-applies them.
            """.formatted(SEPARATE_HISTORY_TABLE, SEPARATE_HISTORY_TABLE);

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
            for (String set : List.of(DROP_IN, SEPARATE_HISTORY)) {
                Path folder = Files.createDirectories(dir.resolve(set));
                for (MigrationStep migration : planned.plan().migrations()) {
                    written.add(Files.writeString(folder.resolve(DropIn.fileName(migration)), DropIn.sql(migration),
                            StandardCharsets.UTF_8));
                }
            }
            written.add(Files.writeString(dir.resolve("README.md"), README, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurerException(ErrorCode.FAILED, "Cannot write to " + dir + ": " + e.getMessage(), e);
        }
        return new ExportResult(written, planned.problems());
    }
}
