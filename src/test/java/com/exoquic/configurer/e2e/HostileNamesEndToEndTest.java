package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.HostileNames;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import com.exoquic.configurer.testing.SqlLexer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.testing.HostileNames.quoted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names are data: a low-privilege role that owns a captured schema names its tables (and the schema) to end a
 * comment, a quote or a dollar-quoted body and run {@code ALTER ROLE lp SUPERUSER} as the admin. Every run
 * (all tables, {@code schema.*}, an explicit list, the dry-run, export, teardown, a re-run) must treat the names
 * as data: each table is published, keyless ones get REPLICA IDENTITY FULL, and the role gains nothing.
 */
class HostileNamesEndToEndTest {
    private static final String LP = HostileNames.ROLE;
    private static final String SCHEMA = "s\r$exoquic$" + HostileNames.PAYLOAD;
    private static final List<String> KEYED = HostileNames.names("k");
    private static final List<String> KEYLESS = HostileNames.names("n");

    @TempDir
    Path exportDir;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {12, 14, 16, 18})
    void tablesAndSchemasNamedToInjectSqlAreCapturedAsData(int major) throws Exception {
        try (PostgresServer server = PostgresServers.start(major, List.of("wal_level = logical"))) {
            server.createDatabase("shop");
            Catalog catalog = new Catalog(server, "shop");
            createHostileTables(server, "shop");
            List<String> rightsBefore = rightsOfLp(catalog);
            Map<String, String> env = Cli.env(server, "shop");

            EndToEnd.migrate(env); // all tables
            assertCapturedAsData(catalog, rightsBefore);

            env.put("TABLES_TO_CAPTURE", "app.*, " + quoted(SCHEMA) + ".*"); // expanded from the catalog before 15
            EndToEnd.migrate(env);
            assertCapturedAsData(catalog, rightsBefore);

            env.put("TABLES_TO_CAPTURE", explicitList());
            Cli.Result preview = Cli.run(env, "migrate", "--dry-run");
            assertThat(preview.exit()).as(preview.toString()).isZero();
            assertPayloadOnlyQuoted(preview.out());
            runRolledBack(server, "shop", preview.out()); // the preview is SQL a reader can run
            assertThat(rightsOfLp(catalog)).isEqualTo(rightsBefore);

            EndToEnd.migrate(env);
            assertCapturedAsData(catalog, rightsBefore);

            assertExportAppliedByPlainFlywayGivesTheSameEndState(server, env, catalog);

            Cli.Result teardown = Cli.run(env, "teardown", "--yes");
            assertThat(teardown.exit()).as(teardown.toString()).isZero();
            assertThat(catalog.column("SELECT pubname FROM pg_publication")).isEmpty();
            assertThat(catalog.column("SELECT rolname FROM pg_roles WHERE rolname = 'exoquic_replication'")).isEmpty();
            assertThat(rightsOfLp(catalog)).isEqualTo(rightsBefore);

            EndToEnd.migrate(env);
            assertCapturedAsData(catalog, rightsBefore);
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {17})
    void hostilePublicationAndRoleNamesFromTheConfigurationAreData(int major) {
        try (PostgresServer server = PostgresServers.start(major, List.of("wal_level = logical"))) {
            server.createDatabase("shop");
            Catalog catalog = new Catalog(server, "shop");
            createHostileTables(server, "shop");
            List<String> rightsBefore = rightsOfLp(catalog);
            String publication = "p'\r${x}$exoquic$" + HostileNames.PAYLOAD;
            String role = "r\"\n$${" + HostileNames.PAYLOAD;
            Map<String, String> env = Cli.env(server, "shop");
            env.put("EXOQUIC_PUBLICATION_NAME", publication);
            env.put("EXOQUIC_REPLICATION_USER", role);

            for (String tables : List.of("", explicitList())) {
                env.put("TABLES_TO_CAPTURE", tables);
                EndToEnd.migrate(env);
                assertThat(catalog.column("SELECT pubname FROM pg_publication")).containsExactly(publication);
                assertThat(catalog.column("SELECT rolname || rolcanlogin || rolreplication || rolsuper FROM pg_roles"
                        + " WHERE rolname NOT IN ('postgres', 'lp') AND rolname !~ '^pg_'"))
                        .containsExactly(role + "truetruefalse");
                assertThat(catalog.value("SELECT count(*) FROM pg_publication_tables WHERE schemaname <> 'exoquic'")).isEqualTo(
                        Integer.toString(KEYED.size() + KEYLESS.size() + 2));
                assertThat(rightsOfLp(catalog)).isEqualTo(rightsBefore);
            }
            assertThat(Cli.run(env, "migrate").out()).contains("Up to date");
            Cli.Result teardown = Cli.run(env, "teardown", "--yes");
            assertThat(teardown.exit()).as(teardown.toString()).isZero();
            assertThat(catalog.column("SELECT pubname FROM pg_publication")).isEmpty();
            assertThat(catalog.value("SELECT count(*) FROM pg_roles WHERE rolname = " + literal(role))).isEqualTo("0");
        }
    }

    /** As lp: the schemas it owns, a keyed and a keyless table per hostile name, and two in the hostile schema. */
    private static void createHostileTables(PostgresServer server, String database) {
        server.execute(database, "CREATE ROLE " + LP + " LOGIN PASSWORD 'lp-pw'",
                "CREATE SCHEMA app AUTHORIZATION " + LP, "CREATE SCHEMA " + quoted(SCHEMA) + " AUTHORIZATION " + LP);
        try (Connection connection = server.connect(database, LP, "lp-pw");
             Statement statement = connection.createStatement()) {
            for (String name : KEYED) {
                statement.execute("CREATE TABLE app." + quoted(name) + " (id int PRIMARY KEY)");
            }
            for (String name : KEYLESS) {
                statement.execute("CREATE TABLE app." + quoted(name) + " (v text)");
            }
            statement.execute("CREATE TABLE " + quoted(SCHEMA) + "." + quoted(KEYED.get(0)) + " (id int PRIMARY KEY)");
            statement.execute("CREATE TABLE " + quoted(SCHEMA) + "." + quoted(KEYLESS.get(0)) + " (v text)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String explicitList() {
        List<String> names = new ArrayList<>(KEYED);
        names.addAll(KEYLESS);
        return HostileNames.tableList("app", names) + ", "
                + HostileNames.tableList(SCHEMA, List.of(KEYED.get(0), KEYLESS.get(0)));
    }

    private static void assertCapturedAsData(Catalog catalog, List<String> rightsBefore) {
        List<String> expected = new ArrayList<>();
        KEYED.forEach(name -> expected.add("app|" + name + "|d"));
        KEYLESS.forEach(name -> expected.add("app|" + name + "|f"));
        expected.add(SCHEMA + "|" + KEYED.get(0) + "|d");
        expected.add(SCHEMA + "|" + KEYLESS.get(0) + "|f");
        assertThat(catalog.column("SELECT pt.schemaname || '|' || pt.tablename || '|' || c.relreplident::text"
                + " FROM pg_publication_tables pt JOIN pg_namespace n ON n.nspname = pt.schemaname"
                + " JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = pt.tablename"
                + " WHERE pt.schemaname <> 'exoquic'"))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rightsOfLp(catalog)).as("lp gained nothing").isEqualTo(rightsBefore);
    }

    /** lp's attributes, memberships, and every privilege granted to it by someone else. */
    private static List<String> rightsOfLp(Catalog catalog) {
        List<String> rights = new ArrayList<>(catalog.column("SELECT concat_ws(',', rolsuper, rolcreaterole, rolcreatedb,"
                + " rolreplication, rolbypassrls, rolcanlogin) FROM pg_roles WHERE rolname = 'lp'"));
        rights.addAll(catalog.column("SELECT 'member of ' || roleid::regrole FROM pg_auth_members"
                + " WHERE member = 'lp'::regrole ORDER BY 1"));
        rights.addAll(catalog.column("SELECT 'table ' || c.oid::regclass || ' ' || a.privilege_type"
                + " FROM pg_class c, aclexplode(c.relacl) a WHERE a.grantee = 'lp'::regrole AND a.grantor <> 'lp'::regrole"
                + " ORDER BY 1"));
        rights.addAll(catalog.column("SELECT 'schema ' || n.nspname || ' ' || a.privilege_type"
                + " FROM pg_namespace n, aclexplode(n.nspacl) a WHERE a.grantee = 'lp'::regrole"
                + " AND a.grantor <> 'lp'::regrole ORDER BY 1"));
        rights.addAll(catalog.column("SELECT 'database ' || d.datname || ' ' || a.privilege_type"
                + " FROM pg_database d, aclexplode(d.datacl) a WHERE a.grantee = 'lp'::regrole ORDER BY 1"));
        assertThat(rights.get(0)).as("lp's attributes").isEqualTo("f,f,f,f,f,t");
        return rights;
    }

    /** The payload appears only inside quoted literals and identifiers, never in code or a comment. */
    private static void assertPayloadOnlyQuoted(String sql) {
        for (SqlLexer.Token token : SqlLexer.tokens(sql)) {
            if (token.kind() == SqlLexer.Kind.DOLLAR_BODY) {
                assertPayloadOnlyQuoted(token.text());
            } else if (token.kind() == SqlLexer.Kind.CODE || token.kind() == SqlLexer.Kind.COMMENT) {
                assertThat(token.text()).as(token.kind() + " holds a name").doesNotContain("lp SUPERUSER");
            }
        }
    }

    private static void runRolledBack(PostgresServer server, String database, String script) throws SQLException {
        try (Connection connection = server.connect(database)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(script);
            } finally {
                connection.rollback();
            }
        }
    }

    /**
     * The exported files, applied by a plain Flyway (its own history in exoquic) to a second database holding the
     * same tables, leave the same publication, identities and grants as migrate.
     */
    private void assertExportAppliedByPlainFlywayGivesTheSameEndState(PostgresServer server, Map<String, String> env,
                                                                      Catalog shop) throws SQLException {
        Cli.Result export = Cli.run(env, "export", "--dir", exportDir.toString());
        assertThat(export.exit()).as(export.toString()).isZero();
        server.createDatabase("copy");
        try {
            server.execute("copy", "CREATE SCHEMA app AUTHORIZATION " + LP,
                    "CREATE SCHEMA " + quoted(SCHEMA) + " AUTHORIZATION " + LP);
            try (Connection connection = server.connect("copy", LP, "lp-pw");
                 Statement statement = connection.createStatement()) {
                KEYED.forEach(name -> run(statement, "CREATE TABLE app." + quoted(name) + " (id int PRIMARY KEY)"));
                KEYLESS.forEach(name -> run(statement, "CREATE TABLE app." + quoted(name) + " (v text)"));
                run(statement, "CREATE TABLE " + quoted(SCHEMA) + "." + quoted(KEYED.get(0)) + " (id int PRIMARY KEY)");
                run(statement, "CREATE TABLE " + quoted(SCHEMA) + "." + quoted(KEYLESS.get(0)) + " (v text)");
            }
            Flyway.configure().dataSource(server.jdbcUrl("copy"), PostgresServer.SUPERUSER,
                            PostgresServer.SUPERUSER_PASSWORD)
                    .schemas("exoquic").table("exoquic_export_history")
                    .locations("filesystem:" + exportDir.resolve("separate-history")) // Flyway's defaults
                    .load().migrate();
            Catalog copy = new Catalog(server, "copy");
            assertThat(endState(copy)).isEqualTo(endState(shop));
        } finally {
            server.execute("postgres", "DROP DATABASE copy"); // its grants would keep teardown from dropping the role
        }
    }

    private static List<String> endState(Catalog catalog) {
        return catalog.column("SELECT n.nspname || '|' || c.relname || '|' || c.relreplident::text || '|'"
                + " || has_table_privilege('exoquic_replication', c.oid, 'SELECT') || '|'"
                + " || EXISTS (SELECT 1 FROM pg_publication_tables pt WHERE pt.schemaname = n.nspname"
                + " AND pt.tablename = c.relname)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'r' AND n.nspname IN ('app', " + literal(SCHEMA) + ") ORDER BY 1");
    }

    private static void run(Statement statement, String sql) {
        try {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
