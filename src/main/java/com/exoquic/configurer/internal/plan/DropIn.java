package com.exoquic.configurer.internal.plan;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The exported form of the migrations for an application's own Flyway: repeatable migrations only, named
 * {@code R__exoquic_<n>_<name>.sql}. A repeatable has no version, so it cannot collide with whatever versions the
 * application uses (1, 2, 3 or timestamps), and it runs after them. The first one creates the schema it needs.
 */
public final class DropIn {
    public static final String SCRIPT_PREFIX = "R__exoquic_";
    private static final String SCHEMA_MIGRATION = "exoquic schema";

    private DropIn() {
    }

    /** {@code V1__exoquic_schema} becomes {@code R__exoquic_0_schema.sql}, {@code R__3_publication} {@code R__exoquic_3_publication.sql}. */
    public static String fileName(MigrationStep step) {
        String name = step.version() != null ? "0_schema" : step.fileName().substring("R__".length(), step.fileName().length() - ".sql".length());
        return SCRIPT_PREFIX + name + ".sql";
    }

    /**
     * Without a history of its own in {@code exoquic}, nothing creates that schema but the first migration. An
     * existing one is used only when the role applying the files (or a superuser) owns it: a schema another role
     * made, whatever its comment says, is not taken over (that role could replace what the tool runs there).
     */
    static final String CREATE_SCHEMA = """
            DO $exoquic$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'exoquic') THEN
                    CREATE SCHEMA exoquic;
                ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_roles r ON r.oid = n.nspowner
                                   WHERE n.nspname = 'exoquic' AND (r.rolname = CURRENT_USER OR r.rolsuper)) THEN
                    RAISE EXCEPTION 'the schema exoquic exists and belongs to another role: it is not this tool''s; drop it, or run exoquic-configurer migrate --adopt'
                        USING ERRCODE = '42501';
                END IF;
            END
            $exoquic$;
            """;

    /**
     * The application's Flyway runs the files on the application's session, whose search path others may write to
     * (CVE-2018-1058): each file resolves through pg_catalog only while it runs, then gives the application its path
     * back, since a Flyway that groups migrations in one transaction runs the application's next ones in it too.
     */
    static final String PIN_SEARCH_PATH = """
            DO $exoquic$
            BEGIN
                PERFORM pg_catalog.set_config('exoquic.application_search_path', pg_catalog.current_setting('search_path'), true);
                PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
            END
            $exoquic$;
            """;
    static final String RESTORE_SEARCH_PATH = """
            DO $exoquic$
            BEGIN
                PERFORM pg_catalog.set_config('search_path', pg_catalog.current_setting('exoquic.application_search_path'), true);
            END
            $exoquic$;
            """;

    public static String sql(MigrationStep step) {
        String body = step.version() != null ? CREATE_SCHEMA + step.sql() : step.sql();
        return PIN_SEARCH_PATH + body + (body.endsWith("\n") ? "" : "\n") + RESTORE_SEARCH_PATH;
    }

    /** The description migrate knows a migration by, for a script of this set ({@code R__exoquic_3_publication.sql}); null for others. */
    static String description(String script) {
        if (script == null || !script.startsWith(SCRIPT_PREFIX) || !script.endsWith(".sql")) {
            return null;
        }
        String name = script.substring(SCRIPT_PREFIX.length(), script.length() - ".sql".length());
        return name.equals("0_schema") ? SCHEMA_MIGRATION : name.replace('_', ' ');
    }

    /**
     * The checksum Flyway records for a SQL file: CRC32 over its lines without their line breaks (what
     * {@code BufferedReader.readLine} returns), so the same as CRC32 over the text with every CR and LF removed.
     */
    static int flywayChecksum(String sql) {
        CRC32 crc = new CRC32();
        crc.update(sql.replace("\r", "").replace("\n", "").getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
