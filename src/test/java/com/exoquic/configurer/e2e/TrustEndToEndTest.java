package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.Fingerprint;
import com.exoquic.configurer.testing.HostileNames;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.PUBLICATION;
import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static com.exoquic.configurer.e2e.EndToEnd.SLOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nothing the admin does not own is trusted. An application role that may create schemas, tables and publications
 * plays the attacker: it forges the tool's mark on a schema of its own filled with code that would make it a
 * superuser if the admin ran it, forges the tool's history rows, and builds on the tool's objects so that teardown
 * would take its data. Every verb is run against that: the application role gains no attribute, membership or
 * grant, a refused run changes nothing outside the tool's objects, and --adopt takes over only what it says.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig("wal_level = logical")
class TrustEndToEndTest {
    private static final String DB = "shop";
    private static final String APP = "app";
    private static final String MARK = "Managed by exoquic-postgres-configurer: migration history and the status view.";
    /** Run by the admin, it would make the application role a superuser. */
    private static final String ESCALATE = "CREATE FUNCTION exoquic.escalate() RETURNS bigint LANGUAGE plpgsql"
            + " AS $$ BEGIN ALTER ROLE app SUPERUSER; RETURN 0; END $$";

    @TempDir
    Path exportDir;

    @Test
    void aForgedMarkIsRefusedByEveryVerbAndAdoptTakesOverOnlyTheEmptySchema(PostgresServer server) {
        Catalog catalog = shop(server);
        asApp(server,
                "CREATE SCHEMA exoquic",
                "COMMENT ON SCHEMA exoquic IS '" + MARK + "'",
                "GRANT USAGE, CREATE ON SCHEMA exoquic TO PUBLIC",
                ESCALATE,
                "CREATE VIEW exoquic.status AS SELECT current_database() AS database, 'logical'::text AS wal_level,"
                        + " '" + SLOT + "'::text AS slot_name, 'pgoutput'::text AS plugin, true AS active,"
                        + " 0::bigint AS lag_bytes, exoquic.escalate() AS retained_wal_bytes, NULL::text AS wal_status,"
                        + " NULL::bigint AS safe_wal_size, '" + PUBLICATION + "'::text AS publication_name,"
                        + " 0 AS publication_tables, 0 AS tables_without_replica_identity",
                "COMMENT ON VIEW exoquic.status IS 'Managed by exoquic-postgres-configurer'",
                "CREATE VIEW exoquic.flyway_schema_history AS SELECT 1 AS installed_rank, '1'::text AS version,"
                        + " 'exoquic schema'::text AS description, 'JDBC'::text AS type, 'x'::text AS script,"
                        + " exoquic.escalate()::int AS checksum, 'app'::text AS installed_by,"
                        + " now()::timestamp AS installed_on, 0 AS execution_time, true AS success",
                "CREATE FUNCTION exoquic.ddl_guard() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER"
                        + " AS $$ BEGIN ALTER ROLE app SUPERUSER; END $$",
                "COMMENT ON FUNCTION exoquic.ddl_guard() IS 'Managed by exoquic-postgres-configurer'");
        List<String> rights = Fingerprint.rights(catalog, APP);
        List<String> outside = Fingerprint.outsideTool(catalog, ROLE, PUBLICATION, SLOT);
        List<String> schema = exoquicSchema(catalog);
        Map<String, String> env = Cli.env(server, DB);

        Cli.Result migrate = Cli.run(env, "migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isEqualTo(2);
        assertThat(migrate.err()).contains("owned by app, not by the admin", "proves nothing", "exoquic.escalate()",
                "view exoquic.status (owner app)", "function exoquic.ddl_guard() (owner app)");
        assertThat(Cli.run(env, "validate").exit()).isEqualTo(2);
        assertThat(Cli.run(env, "migrate", "--dry-run").out()).doesNotContain("ALTER SCHEMA");
        Cli.Result info = Cli.run(env, "info");
        assertThat(info.out()).as(info.toString()).contains("proves nothing");
        assertThat(Cli.run(env, "export", "--dir", exportDir.toString()).exit()).isZero();
        Cli.Result status = Cli.run(env, "status");
        assertThat(status.exit()).as(status.toString()).isEqualTo(4);
        assertThat(status.err()).contains("owned by a role other than the admin", "were not read");
        assertThat(Cli.run(env, "teardown").exit()).isZero();
        Cli.Result teardown = Cli.run(env, "teardown", "--yes");
        assertThat(teardown.out()).as(teardown.toString()).contains("[left alone] exoquic schema (kept): another role owns it");
        Cli.Result adopted = Cli.run(env, "migrate", "--adopt");
        assertThat(adopted.exit()).as("--adopt takes no other role's objects: " + adopted).isEqualTo(2);
        assertThat(adopted.err()).contains("even with --adopt", "exoquic.escalate()");

        assertThat(Fingerprint.rights(catalog, APP)).as("the application gained nothing").containsExactlyElementsOf(rights);
        assertThat(Fingerprint.outsideTool(catalog, ROLE, PUBLICATION, SLOT)).containsExactlyElementsOf(outside);
        assertThat(exoquicSchema(catalog)).as("its schema was left as it was").isEqualTo(schema);

        // The exported files, applied by the application's Flyway as the admin, do not take that schema either.
        assertThatThrownBy(() -> Flyway.configure()
                .dataSource(server.jdbcUrl(DB), PostgresServer.SUPERUSER, PostgresServer.SUPERUSER_PASSWORD)
                .locations("filesystem:" + exportDir.resolve("drop-in")).placeholderReplacement(false)
                .baselineOnMigrate(true).load().migrate())
                .hasMessageContaining("the schema exoquic exists and belongs to another role");
        assertThat(exoquicSchema(catalog)).isEqualTo(schema);
        assertThat(Fingerprint.rights(catalog, APP)).containsExactlyElementsOf(rights);
        catalog.execute("DROP TABLE public.flyway_schema_history"); // the history that Flyway made for the attempt

        // Its objects gone, the schema (mark and all) is still not the tool's, until --adopt takes it over.
        asApp(server, "DROP VIEW exoquic.status, exoquic.flyway_schema_history", "DROP FUNCTION exoquic.escalate(),"
                + " exoquic.ddl_guard()");
        assertThat(Cli.run(env, "migrate").err()).contains("owned by app, not by the admin");
        Cli.Result takenOver = Cli.run(env, "migrate", "--adopt");
        assertThat(takenOver.exit()).as(takenOver.toString()).isZero();
        assertThat(takenOver.out()).contains("--adopt took over the schema exoquic from app");
        assertThat(catalog.value("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'exoquic'"))
                .isEqualTo("postgres");
        assertThat(catalog.value("SELECT count(*) FROM pg_namespace n, aclexplode(n.nspacl) a"
                + " WHERE n.nspname = 'exoquic' AND a.grantee <> n.nspowner")).as("others' privileges").isEqualTo("0");
        assertThatThrownBy(() -> asApp(server, "CREATE TABLE exoquic.planted (v text)"))
                .hasMessageContaining("permission denied");
        assertThat(Cli.run(env, "status").exit()).isZero();
        assertThat(Fingerprint.rights(catalog, APP)).as("the application gained nothing").containsExactlyElementsOf(rights);
        assertThat(Fingerprint.outsideTool(catalog, ROLE, PUBLICATION, SLOT)).containsExactlyElementsOf(outside);
    }

    @Test
    void aForgedHistoryRowProvesNothingAndAdoptTakesOverExplicitly(PostgresServer server) {
        Catalog catalog = shop(server);
        asApp(server,
                "CREATE TABLE public.flyway_schema_history (installed_rank int PRIMARY KEY, version text,"
                        + " description text, type text, script text, checksum int, installed_by text,"
                        + " installed_on timestamp DEFAULT now(), execution_time int, success boolean)",
                "INSERT INTO public.flyway_schema_history (installed_rank, description, type, script, checksum,"
                        + " installed_by, execution_time, success) SELECT n, 'exoquic', 'SQL', s, 0, 'app', 0, true"
                        + " FROM unnest(ARRAY['R__exoquic_0_schema.sql', 'R__exoquic_1_replication_role.sql',"
                        + " 'R__exoquic_2_grants.sql', 'R__exoquic_3_publication.sql',"
                        + " 'R__exoquic_4_replica_identity.sql', 'R__exoquic_5_status_view.sql',"
                        + " 'R__exoquic_6_ddl_guard.sql']) WITH ORDINALITY AS r(s, n)",
                "CREATE SCHEMA exoquic",
                "CREATE PUBLICATION " + PUBLICATION + " FOR TABLE public.orders WITH (publish = 'insert')");
        List<String> rights = Fingerprint.rights(catalog, APP);
        List<String> before = Fingerprint.outsideTool(catalog, ROLE, "-", SLOT);
        Map<String, String> env = Cli.env(server, DB);
        env.put("TABLES_TO_CAPTURE", "orders");

        for (String verb : List.of("validate", "migrate")) {
            Cli.Result refused = Cli.run(env, verb);
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.out() + refused.err()).contains("schema exoquic already exists, owned by app",
                    "publication \"" + PUBLICATION + "\" is owned by app, not by the admin role");
        }
        assertThat(Fingerprint.outsideTool(catalog, ROLE, "-", SLOT)).as("nothing changed").containsExactlyElementsOf(before);

        Cli.Result adopted = Cli.run(env, "migrate", "--adopt");
        assertThat(adopted.exit()).as(adopted.toString()).isZero();
        assertThat(catalog.column("SELECT description FROM exoquic.flyway_schema_history WHERE success"
                + " AND type <> 'SCHEMA' ORDER BY installed_rank"))
                .as("every migration ran: the forged rows were not taken for the exported set's")
                .containsExactly("exoquic schema", "1 replication role", "2 grants", "3 publication",
                        "4 replica identity", "5 status view", "6 ddl guard");
        assertThat(catalog.value("SELECT pubowner::regrole || ' ' || pubinsert || pubupdate || pubdelete || pubtruncate"
                + " FROM pg_publication")).as("the publication was taken over").isEqualTo("postgres truetruetruetrue");
        assertThatThrownBy(() -> asApp(server, "ALTER PUBLICATION " + PUBLICATION + " SET (publish = 'insert')"))
                .hasMessageContaining("must be owner");
        assertThat(Cli.run(env, "status").exit()).isZero();
        assertThat(Fingerprint.rights(catalog, APP)).as("the application gained nothing").containsExactlyElementsOf(rights);
    }

    @Test
    void teardownRefusesWhatDependsOnTheToolsObjectsAndDropsNothing(PostgresServer server) {
        Catalog catalog = shop(server);
        Map<String, String> env = Cli.env(server, DB);
        EndToEnd.migrate(env);
        // An administrator lets the application build on the tool's schema; the application does.
        catalog.execute("CREATE DOMAIN exoquic.cents AS bigint CHECK (VALUE >= 0)",
                "GRANT USAGE ON SCHEMA exoquic TO " + APP, "GRANT SELECT ON exoquic.status TO " + APP);
        String hostile = HostileNames.names("v").get(1); // a line break, then a statement
        asApp(server, "CREATE TABLE public.payments (id int PRIMARY KEY, cents exoquic.cents)",
                "INSERT INTO public.payments VALUES (1, 250), (2, 750)",
                "CREATE VIEW public.replication_health AS SELECT slot_name, active FROM exoquic.status",
                "CREATE VIEW public." + HostileNames.quoted(hostile) + " AS SELECT active FROM exoquic.status");
        List<String> outside = Fingerprint.outsideTool(catalog, ROLE, PUBLICATION, SLOT);
        List<String> tool = toolObjects(catalog);

        for (String[] args : List.of(new String[] {"teardown"}, new String[] {"teardown", "--yes"})) {
            Cli.Result refused = Cli.run(env, args);
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).contains("never does (no CASCADE)", "column cents of table", "payments",
                    "replication_health", "Nothing was removed", "v\\u000a;ALTER ROLE lp SUPERUSER")
                    .as("a name cannot start a line of its own").doesNotContain("\n;ALTER ROLE");
        }
        assertThat(toolObjects(catalog)).as("nothing of the tool's was dropped").isEqualTo(tool);
        assertThat(Fingerprint.outsideTool(catalog, ROLE, PUBLICATION, SLOT)).containsExactlyElementsOf(outside);
        assertThat(catalog.value("SELECT sum(cents) FROM public.payments")).isEqualTo("1000");

        asApp(server, "DROP VIEW public.replication_health, public." + HostileNames.quoted(hostile),
                "ALTER TABLE public.payments ALTER COLUMN cents TYPE bigint");
        Cli.Result teardown = Cli.run(env, "teardown", "--yes");
        assertThat(teardown.exit()).as(teardown.toString()).isZero();
        assertThat(teardown.out()).contains("[left alone] exoquic schema (kept): it also holds objects this tool did"
                + " not create");
        assertThat(catalog.column("SELECT typname FROM pg_type WHERE typnamespace = 'exoquic'::regnamespace"
                + " AND typtype = 'd'"))
                .as("the administrator's domain stays").containsExactly("cents");
        assertThat(catalog.value("SELECT to_regclass('exoquic.status') IS NULL AND to_regclass("
                + "'exoquic.flyway_schema_history') IS NULL")).isEqualTo("t");
        assertThat(catalog.value("SELECT sum(cents) FROM public.payments")).isEqualTo("1000");
    }

    /** The slot, publication, role, event trigger and the exoquic schema's objects. */
    private static List<String> toolObjects(Catalog catalog) {
        return List.of(String.join(",", catalog.column("SELECT slot_name FROM pg_replication_slots")),
                String.join(",", catalog.column("SELECT pubname FROM pg_publication")),
                String.join(",", catalog.column("SELECT rolname FROM pg_roles WHERE rolname = '" + ROLE + "'")),
                String.join(",", catalog.column("SELECT evtname FROM pg_event_trigger")),
                String.join(",", catalog.column("SELECT relname FROM pg_class WHERE relnamespace ="
                        + " 'exoquic'::regnamespace ORDER BY 1")));
    }

    /** The exoquic schema's owner, comment, ACL and objects. */
    private static List<String> exoquicSchema(Catalog catalog) {
        return List.of(catalog.value("SELECT nspowner::regrole || ' ' || obj_description(oid, 'pg_namespace') || ' '"
                        + " || nspacl::text FROM pg_namespace WHERE nspname = 'exoquic'"),
                String.join(",", catalog.column("SELECT pg_describe_object(classid, objid, 0) FROM pg_depend"
                        + " WHERE refobjid = 'exoquic'::regnamespace AND deptype = 'n' ORDER BY 1")));
    }

    /** A database with an application role that may create schemas and publications, and owns a table. */
    private static Catalog shop(PostgresServer server) {
        server.createDatabase(DB);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute("CREATE ROLE " + APP + " LOGIN PASSWORD 'app-pw'", "GRANT CREATE ON DATABASE " + DB + " TO " + APP,
                "GRANT CREATE ON SCHEMA public TO " + APP,
                "CREATE TABLE public.orders (id int PRIMARY KEY)", "ALTER TABLE public.orders OWNER TO " + APP);
        return catalog;
    }

    private static void asApp(PostgresServer server, String... sql) {
        server.executeAs(DB, APP, "app-pw", sql);
    }
}
