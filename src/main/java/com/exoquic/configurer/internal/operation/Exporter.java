package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.ExportResult;
import com.exoquic.configurer.api.ExportSet;
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
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * export: the planned migrations as plain Flyway SQL files. Both sets, each in its folder under DIR (one for the
 * application's own migration folder, one for a Flyway of their own) with a README on both and on the steps that are
 * no migrations; or one set straight into DIR. The files hold no Flyway placeholder (see {@code Sql}), so they work
 * with Flyway's default settings, next to an application's own placeholders.
 */
public final class Exporter {
    public static final String SEPARATE_HISTORY_TABLE = "exoquic_export_history";
    /** A file Flyway takes for a SQL migration with its default prefixes and suffix (V, U, B with a version; R). */
    private static final Pattern FLYWAY_MIGRATION = Pattern.compile("([VUB][^_]*__.*|R__.*)\\.sql");

    private static final String README = """
            # Exoquic migrations (exported by exoquic-configurer export)

            Rendered for one database's configuration and catalog. Two copies of the same SQL files, for two ways
            of applying them, both with Flyway's default settings: no text in them is a Flyway placeholder (a name
            holding `${` is written with that `$` escaped), so your own placeholders keep working.

            ## drop-in/: into your application's migration folder

            Copy `drop-in/R__exoquic_*.sql` next to your own migrations, or have export write them there:
            `exoquic-configurer export --only drop-in --dir src/main/resources/db/migration` (never both sets into
            that folder: Flyway reads its sub-folders and would find every migration twice). They are repeatable
            migrations (`R__`): they have no version, so they cannot collide with yours (V1, V2, ... or
            timestamps), and Flyway runs them after your versioned ones, in name order. The first creates the
            schema it needs, `exoquic`; one that already exists is used only when the role applying the files (or a
            superuser) owns it, so apply them as the admin role that would run exoquic-configurer. They are recorded
            in your application's history table. Each file runs with the search path `pg_catalog, pg_temp` (so
            nothing another role creates in your schemas can stand in for what it calls) and gives your migrations
            their search path back at its end.

            ## separate-history/: a Flyway of their own

            Keeps them out of your application's history: run Flyway on this folder with `schemas=exoquic` and
            `table=%s`, e.g.
            `flyway -locations=filesystem:separate-history -schemas=exoquic -table=%s migrate`.

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

    /**
     * Both sets, in {@code dir/drop-in} and {@code dir/separate-history}, and the README. Refused, before anything
     * is read or written, when {@code dir} (or a folder above it) holds Flyway migrations: Flyway reads a location's
     * sub-folders, so it would find both sets and fail on the twice-found migrations.
     */
    public ExportResult export(Path dir) {
        Path location = folderHoldingMigrations(dir);
        if (location != null) {
            throw new ConfigurerException(ErrorCode.CONFIGURATION, dir + " is in a Flyway migration folder ("
                    + location + " holds " + firstMigration(location) + "): Flyway reads sub-folders, so it would"
                    + " find both exported sets there and fail on migrations found twice. To add Exoquic's"
                    + " migrations to that project, write the drop-in set straight into its migration folder:"
                    + " exoquic-configurer export --only " + ExportSet.DROP_IN.folder() + " --dir " + location);
        }
        Planner.Planned planned = plan();
        List<Path> written = new ArrayList<>();
        try {
            for (ExportSet set : ExportSet.values()) {
                written.addAll(write(planned, Files.createDirectories(dir.resolve(set.folder()))));
            }
            written.add(Files.writeString(dir.resolve("README.md"), README, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
        return new ExportResult(written, planned.problems());
    }

    /**
     * One set's SQL files straight into {@code dir}, no README (e.g. the drop-in set into the application's
     * migration folder). The separate-history set is for a Flyway of its own: refused where other migrations are.
     */
    public ExportResult export(Path dir, ExportSet set) {
        if (set == ExportSet.SEPARATE_HISTORY && Files.isDirectory(dir)) {
            String other = firstMigration(dir, name -> !name.startsWith(DropIn.SCRIPT_PREFIX));
            if (other != null) {
                throw new ConfigurerException(ErrorCode.CONFIGURATION, "the " + set.folder() + " set is for a Flyway"
                        + " of its own, but " + dir + " holds other migrations (" + other + "): choose an empty"
                        + " folder, or write the " + ExportSet.DROP_IN.folder() + " set into the application's"
                        + " migration folder (export --only " + ExportSet.DROP_IN.folder() + ")");
            }
        }
        Planner.Planned planned = plan();
        try {
            return new ExportResult(write(planned, Files.createDirectories(dir)), planned.problems());
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
    }

    private Planner.Planned plan() {
        return new Planner(settings, options).planReadOnly(dataSource);
    }

    private static List<Path> write(Planner.Planned planned, Path folder) throws IOException {
        List<Path> written = new ArrayList<>();
        for (MigrationStep migration : planned.plan().migrations()) {
            written.add(Files.writeString(folder.resolve(DropIn.fileName(migration)), DropIn.sql(migration),
                    StandardCharsets.UTF_8));
        }
        return written;
    }

    /** {@code dir} or the nearest folder above it that holds a Flyway migration file; null when none does. */
    private static Path folderHoldingMigrations(Path dir) {
        for (Path folder = dir.toAbsolutePath().normalize(); folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder) && firstMigration(folder) != null) {
                return folder;
            }
        }
        return null;
    }

    private static String firstMigration(Path folder) {
        return firstMigration(folder, name -> true);
    }

    /** The first (by name) file directly in {@code folder} that Flyway takes for a migration and {@code counts}. */
    private static String firstMigration(Path folder, Predicate<String> counts) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                    .filter(name -> FLYWAY_MIGRATION.matcher(name).matches() && counts.test(name))
                    .sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null; // a folder we may not list holds nothing we would write next to
        }
    }

    private static ConfigurerException cannotWrite(Path dir, IOException e) {
        return new ConfigurerException(ErrorCode.FAILED, "Cannot write to " + dir + ": " + e.getMessage(), e);
    }
}
