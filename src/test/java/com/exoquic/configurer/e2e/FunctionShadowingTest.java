package com.exoquic.configurer.e2e;

import com.exoquic.configurer.ExoquicCallback;
import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.FunctionShadows;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import com.exoquic.configurer.testing.ServerConfig;
import com.exoquic.configurer.testing.ServerLog;
import com.exoquic.configurer.testing.SqlCalls;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No user code ever runs as the admin (CVE-2018-1058): an application role that owns its database (so it may create
 * in {@code public}, and it sets the database's search_path to put {@code public} before pg_catalog) and a schema
 * named like the admin ({@code "$user"}) plants an exact-type shadow of every function, aggregate and operator the
 * tool's SQL calls. The list is derived from the SQL: from the statements a clean run of every verb sent (the server
 * log, Flyway's own statements included), the templates and the SQL in the Java sources, so a call added later is
 * covered. Then every verb of the CLI, the library on a pooled connection and the callback in a plain Flyway run, and
 * no shadow ever runs, the role gains nothing, and the runs still do their job. One server per version, a database
 * per route.
 */
class FunctionShadowingTest {
    private static final String APP = "app";
    private static final String APP_PASSWORD = "app-pw";
    private static final String CLI_APP = "exoquic-configurer";
    private static final String LIBRARY_APP = "shop-app";
    private static final String FLYWAY_APP = "flyway-app";
    private static final String TABLES = "orders, audit, sales.*";
    /** A server log line's process id and application ({@code log_line_prefix = '%m [%p] app=%a '}). */
    private static final Pattern SESSION = Pattern.compile(" \\[(\\d+)] app=(\\S*) ");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {12, 14, 16, 18})
    void noShadowRunsThroughAnyVerbOrRoute(int major) throws Exception {
        try (PostgresServer server = PostgresServers.start(major, List.of("log_statement = 'all'",
                ServerConfig.WAL_LEVEL_REPLICA))) {
            SqlCalls calls = discover(server);
            server.execute("postgres", "CREATE ROLE " + APP + " LOGIN PASSWORD '" + APP_PASSWORD + "'",
                    "CREATE DATABASE attack OWNER " + APP);
            FunctionShadows.Planted planted;
            try (Connection app = connect(server, "attack", APP, APP_PASSWORD)) {
                execute(app, "CREATE SCHEMA " + PostgresServer.SUPERUSER); // searched first, as "$user"
                planted = FunctionShadows.plant(app, List.of("public", PostgresServer.SUPERUSER), calls);
            }
            System.out.println("PostgreSQL " + major + ": " + planted);
            assertThat(planted.functionNames()).as("shadows of the catalog read's polymorphic calls")
                    .contains("unnest", "to_jsonb", "concat_ws", "format", "current_setting", "set_config");
            assertThat(planted.operatorNames()).contains("=", "||");
            String attributes = roleAttributes(server);
            int start = server.logLines().size();

            // Until the callback's markers ran, every line counts as the tool's (the plain Flyway runs last).
            int[] window = {Integer.MAX_VALUE, Integer.MAX_VALUE};
            Set<String> flywaysSessions = new TreeSet<>();
            Throwable failure = null;
            try {
                cliRoute(server, attackedDatabase(server, "cli", true), false);
                assertThat(evidence(server, "cli")).as("evidence rows of the CLI route").isEmpty();
                library(server, attackedDatabase(server, "library", true));
                assertThat(evidence(server, "library")).as("evidence rows of the library").isEmpty();
                callback(server, attackedDatabase(server, "callback", false), window, flywaysSessions);
            } catch (AssertionError | Exception e) {
                failure = e; // what the shadows did comes first: it explains the failure
            }

            List<String> lines = server.logLines();
            Set<String> called = calledByTheTool(lines.subList(start, lines.size()), window[0] - start,
                    window[1] - start, flywaysSessions);
            if (!called.isEmpty()) {
                AssertionError error = new AssertionError(called.size() + " shadows ran through the tool's sessions,"
                        + " e.g.\n" + String.join("\n", called.stream().limit(40).toList()));
                if (failure != null) {
                    error.addSuppressed(failure);
                }
                throw error;
            }
            if (failure instanceof Exception e) {
                throw e;
            } else if (failure != null) {
                throw (Error) failure;
            }
            assertThat(roleAttributes(server)).as("the application role's attributes, memberships and grants")
                    .isEqualTo(attributes);
            assertDerivationCovered(server, calls, lines.subList(start, lines.size()));
        }
    }

    /**
     * The shadows the server log says ran in the tool's sessions. The application's own Flyway runs on the
     * application's search path, which is not the tool's to protect: its lines before and after the callback, and
     * those of its own sessions between, do not count.
     */
    private static Set<String> calledByTheTool(List<String> lines, int callbackStart, int callbackEnd,
                                               Set<String> flywaysSessions) {
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean flywaysOwn = line.contains("app=" + FLYWAY_APP) && (i < callbackStart || i >= callbackEnd
                    || flywaysSessions.stream().anyMatch(pid -> line.contains(" [" + pid + "] app=")));
            if (!flywaysOwn) {
                ours.add(line);
            }
        }
        return FunctionShadows.logged(ours);
    }

    /** The statements of a clean run of the CLI route, then wal_level back as it was, for the attacked run. */
    private SqlCalls discover(PostgresServer server) {
        server.createDatabase("discovery");
        server.execute("discovery", tables());
        int start = server.logLines().size();
        cliRoute(server, "discovery", true);
        List<String> lines = server.logLines();
        SqlCalls calls = new SqlCalls();
        for (ServerLog.Sent sent : ServerLog.statements(lines.subList(start, lines.size()), CLI_APP)) {
            calls.add(sent.sql());
            sent.parameters().forEach(calls::add);
        }
        return calls.addTemplates(Path.of("sql-templates")).addJavaStrings(Path.of("src/main/java"));
    }

    /**
     * Every verb: migrate through the restart, a table created by the application (the DDL guard runs), migrate, a
     * no-op migrate, the dry-run, info, validate, export, status in both formats, register's dry-run, teardown's plan
     * and teardown. {@code resetSettings}: teardown also resets the server settings, and the server restarts.
     */
    private void cliRoute(PostgresServer server, String database, boolean resetSettings) {
        Map<String, String> env = Cli.env(server, database);
        env.put("TABLES_TO_CAPTURE", TABLES);
        assertExit(Cli.run(env, "migrate"), 3);
        server.restart();
        assertExit(Cli.run(env, "migrate"), 0);
        asApplication(server, database, "CREATE TABLE sales.later (note text)");
        assertExit(Cli.run(env, "migrate"), 0);
        assertThat(assertExit(Cli.run(env, "migrate"), 0).out()).contains("Up to date");
        assertThat(value(server, database, "SELECT plugin FROM pg_replication_slots WHERE slot_name = '"
                + EndToEnd.SLOT + "'")).isEqualTo("pgoutput");
        assertThat(value(server, database, "SELECT string_agg(schemaname || '.' || tablename, ',' ORDER BY schemaname, tablename)"
                + " FROM pg_publication_tables WHERE pubname = '" + EndToEnd.PUBLICATION + "'"))
                .isEqualTo("public.audit,public.orders,sales.items,sales.later");
        assertThat(value(server, database, "SELECT relreplident FROM pg_class WHERE oid = 'sales.later'::regclass"))
                .as("the DDL guard ran").isEqualTo("f");
        assertExit(Cli.run(env, "migrate", "--dry-run"), 0);
        assertExit(Cli.run(env, "info"), 0);
        assertExit(Cli.run(env, "validate"), 0);
        assertExit(Cli.run(env, "export", "--dir", dir.resolve(database + "-export").toString()), 0);
        assertExit(Cli.run(env, "status"), 0);
        assertThat(assertExit(Cli.run(env, "status", "--format", "openmetrics"), 0).out()).contains("exoquic_healthy");
        Map<String, String> register = new HashMap<>(env);
        register.put("EXOQUIC_API_KEY", "test-api-key");
        assertExit(Cli.run(register, "register", "--dry-run"), 0);
        assertExit(Cli.run(env, "teardown"), 0);
        if (resetSettings) {
            assertExit(Cli.run(env, "teardown", "--yes", "--reset-settings"), 0);
            server.restart();
        } else {
            assertExit(Cli.run(env, "teardown", "--yes"), 0);
        }
        assertThat(value(server, database, "SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
    }

    /**
     * The library on the application's pool of one long-lived connection: every operation hands it back with the
     * search path (and the transaction settings) it had.
     */
    private void library(PostgresServer server, String database) throws Exception {
        try (Connection physical = connect(server, database, PostgresServer.SUPERUSER, PostgresServer.SUPERUSER_PASSWORD,
                LIBRARY_APP, null)) {
            String searchPath = show(physical);
            assertThat(searchPath).as("the application's own search path").isEqualTo("\"$user\", public, pg_catalog");
            ExoquicConfigurer configurer = ExoquicConfigurer.configure()
                    .dataSource(poolOfOne(physical))
                    .tables(TABLES.split(", "))
                    .replicationUser("rep_library")
                    .slot("slot_library")
                    .replicationPassword("library-pw")
                    .load();
            Map<String, Supplier<Object>> operations = new LinkedHashMap<>();
            operations.put("plan", configurer::plan);
            operations.put("validate", configurer::validate);
            operations.put("migrate", configurer::migrate);
            operations.put("status", () -> configurer.status(1L << 30));
            operations.put("info", configurer::info);
            operations.put("export", () -> configurer.export(dir.resolve("library")));
            operations.put("teardownPlan", () -> configurer.teardownPlan(false, false));
            for (Map.Entry<String, Supplier<Object>> operation : operations.entrySet()) {
                Object result = operation.getValue().get();
                assertThat(show(physical)).as("search path after " + operation.getKey()).isEqualTo(searchPath);
                assertThat(physical.getAutoCommit()).as("autocommit after " + operation.getKey()).isTrue();
                assertThat(physical.isReadOnly()).as("read-only after " + operation.getKey()).isFalse();
                if (result instanceof MigrationReport report) {
                    assertThat(report.restartRequired()).isFalse();
                    assertThat(value(server, database, "SELECT count(*) FROM pg_publication_tables")).isEqualTo("3");
                }
            }
            assertThat(configurer.status(1L << 30).healthy()).isTrue();
            configurer.teardown(false, false);
            assertThat(show(physical)).isEqualTo(searchPath);
            assertThat(value(server, database, "SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
        }
    }

    /**
     * The callback in a plain Flyway of the application (on the application's search path, which the application's
     * own Flyway statements run with: not the tool's to protect). {@code window} gets the server log's lines at the
     * callback's start and end.
     */
    private void callback(PostgresServer server, String database, int[] window, Set<String> flywaysSessions)
            throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("callback-migrations"));
        Files.writeString(migrations.resolve("V1__app.sql"), "CREATE TABLE public.customers (id int PRIMARY KEY);\n"
                + "CREATE TABLE public.visits (at timestamptz);");
        PGSimpleDataSource dataSource = dataSource(server, database);
        List<List<String>> evidence = new ArrayList<>();
        int flywayStart = server.logLines().size();
        // The application keeps its history in a schema of its own: "$user" and public hold the attacker's shadows.
        Flyway.configure().dataSource(dataSource).schemas("shop").locations("filesystem:" + migrations)
                .placeholders(Map.of("TABLES_TO_CAPTURE", "customers, visits"))
                .callbacks(marker("a-before-exoquic", () -> {
                            window[0] = server.logLines().size();
                            evidence.add(evidence(server, database));
                        }),
                        new ExoquicCallback(Map.of("EXOQUIC_REPLICATION_PASSWORD", "callback-pw",
                                "EXOQUIC_REPLICATION_USER", "rep_callback", "EXOQUIC_SLOT_NAME", "slot_callback")),
                        marker("z-after-exoquic", () -> {
                            window[1] = server.logLines().size();
                            evidence.add(evidence(server, database));
                        }))
                .load().migrate();
        assertThat(window[1]).as("both markers ran").isGreaterThan(window[0]);
        assertThat(value(server, database, "SELECT plugin FROM pg_replication_slots WHERE slot_name = 'slot_callback'"))
                .isEqualTo("pgoutput");
        assertThat(value(server, database, "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_publication_tables"))
                .isEqualTo("customers,visits");
        // The sessions the application's Flyway opened before the callback are its own; the tool's open inside it.
        List<String> lines = server.logLines();
        for (String line : lines.subList(flywayStart, window[0])) {
            Matcher session = SESSION.matcher(line);
            if (session.find() && session.group(2).equals(FLYWAY_APP)) {
                flywaysSessions.add(session.group(1));
            }
        }
        assertThat(evidence.get(1).subList(evidence.get(0).size(), evidence.get(1).size()))
                .as("evidence rows written during the callback, but by the application's Flyway's own sessions")
                .allMatch(row -> flywaysSessions.stream().anyMatch(pid -> row.endsWith(", pid " + pid + ")")));
    }

    /**
     * A database copied from the attacked template, its tables its owner's. {@code publicFirst}: its owner also sets
     * its search path to search its schemas before pg_catalog, so same-signature shadows win too (not for the plain
     * Flyway: the application's own Flyway, counting with count(*), would then break before the callback).
     */
    private String attackedDatabase(PostgresServer server, String name, boolean publicFirst) throws SQLException {
        server.execute("postgres", "CREATE DATABASE " + name + " OWNER " + APP + " TEMPLATE attack");
        try (Connection app = connect(server, name, APP, APP_PASSWORD)) {
            if (publicFirst) {
                execute(app, "ALTER DATABASE " + name + " SET search_path = \"$user\", public, pg_catalog");
            }
            execute(app, tables());
        }
        return name;
    }

    private static List<String> evidence(PostgresServer server, String database) {
        try (Connection admin = pinned(server, database)) {
            return FunctionShadows.evidence(admin);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] tables() {
        return new String[] {"CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
            "CREATE TABLE public.audit (at timestamptz, line text)", "CREATE SCHEMA sales",
            "CREATE TABLE sales.items (id int PRIMARY KEY, name text)"};
    }

    /** The application role's attributes, memberships and grants on the shared and attacked objects. */
    private static String roleAttributes(PostgresServer server) throws SQLException {
        StringBuilder text = new StringBuilder(value(server, "postgres", """
                SELECT concat_ws(',', rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolinherit,
                                 rolcanlogin, rolconnlimit, rolvaliduntil) || ' member of '
                       || COALESCE((SELECT string_agg(m.roleid::regrole::text, ',' ORDER BY m.roleid::regrole::text) FROM pg_auth_members m
                                     WHERE m.member = r.oid), '')
                  FROM pg_roles r WHERE rolname = 'app'"""));
        for (String database : List.of("postgres", "attack")) {
            text.append('\n').append(database).append(": ").append(value(server, database, """
                    SELECT string_agg(x, '; ' ORDER BY x) FROM (
                        SELECT 'relation ' || c.oid::regclass || ' ' || a.privilege_type AS x
                          FROM pg_class c, aclexplode(c.relacl) a WHERE a.grantee = 'app'::regrole AND c.relowner <> a.grantee
                        UNION ALL SELECT 'schema ' || n.nspname || ' ' || a.privilege_type
                          FROM pg_namespace n, aclexplode(n.nspacl) a WHERE a.grantee = 'app'::regrole AND n.nspowner <> a.grantee
                        UNION ALL SELECT 'function ' || p.oid::regprocedure || ' ' || a.privilege_type
                          FROM pg_proc p, aclexplode(p.proacl) a WHERE a.grantee = 'app'::regrole AND p.proowner <> a.grantee
                        UNION ALL SELECT 'database ' || d.datname || ' ' || a.privilege_type
                          FROM pg_database d, aclexplode(d.datacl) a WHERE a.grantee = 'app'::regrole AND d.datdba <> a.grantee
                        UNION ALL SELECT 'default ' || d.defaclobjtype::text || ' ' || a.privilege_type
                          FROM pg_default_acl d, aclexplode(d.defaclacl) a WHERE a.grantee = 'app'::regrole
                        UNION ALL SELECT 'owns publication ' || p.pubname FROM pg_publication p WHERE p.pubowner = 'app'::regrole
                    ) AS grants"""));
        }
        return text.toString();
    }

    /** Every function and operator the tool's sessions sent in the attacked runs was among those shadowed. */
    private static void assertDerivationCovered(PostgresServer server, SqlCalls derived, List<String> lines)
            throws SQLException {
        SqlCalls sent = new SqlCalls();
        for (String application : List.of(CLI_APP, LIBRARY_APP)) {
            for (ServerLog.Sent statement : ServerLog.statements(lines, application)) {
                sent.add(statement.sql());
                statement.parameters().forEach(sent::add);
            }
        }
        Set<String> functions = new TreeSet<>(sent.functions());
        functions.retainAll(catalogNames(server, "SELECT DISTINCT proname::text FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace"));
        Set<String> operators = new TreeSet<>(sent.operators());
        operators.retainAll(catalogNames(server, "SELECT DISTINCT oprname::text FROM pg_operator"));
        assertThat(derived.functions()).as("functions sent").containsAll(functions);
        assertThat(derived.operators()).as("operators sent").containsAll(operators);
    }

    private static Set<String> catalogNames(PostgresServer server, String sql) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection connection = pinned(server, "postgres"); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static Cli.Result assertExit(Cli.Result result, int exit) {
        assertThat(result.exit()).as(result.toString()).isEqualTo(exit);
        return result;
    }

    private static void asApplication(PostgresServer server, String database, String sql) {
        try (Connection app = connect(server, database, APP, APP_PASSWORD)) {
            execute(app, sql);
        } catch (SQLException e) {
            // the discovery database belongs to the superuser: the application role may not create there
            server.execute(database, sql);
        }
    }

    /** A Flyway callback that runs {@code action} at AFTER_MIGRATE; Flyway orders callbacks by name. */
    private static Callback marker(String name, Runnable action) {
        return new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return false;
            }

            @Override
            public void handle(Event event, Context context) {
                action.run();
            }

            @Override
            public String getCallbackName() {
                return name;
            }
        };
    }

    /** A pool of one: hands out the same physical connection every time; closing the handle gives it back. */
    private static DataSource poolOfOne(Connection physical) throws SQLException {
        PGSimpleDataSource shape = new PGSimpleDataSource();
        return (DataSource) Proxy.newProxyInstance(FunctionShadowingTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return handle(physical);
                    }
                    return method.invoke(shape, args);
                });
    }

    private static Connection handle(Connection physical) {
        return (Connection) Proxy.newProxyInstance(FunctionShadowingTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return false;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static PGSimpleDataSource dataSource(PostgresServer server, String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {server.host()});
        dataSource.setPortNumbers(new int[] {server.port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(PostgresServer.SUPERUSER);
        dataSource.setPassword(PostgresServer.SUPERUSER_PASSWORD);
        dataSource.setApplicationName(FLYWAY_APP);
        return dataSource;
    }

    private static String show(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW search_path")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The test's own reads, as the superuser, resolving only in pg_catalog. */
    private static String value(PostgresServer server, String database, String sql) {
        try (Connection connection = pinned(server, database); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static Connection pinned(PostgresServer server, String database) throws SQLException {
        return connect(server, database, PostgresServer.SUPERUSER, PostgresServer.SUPERUSER_PASSWORD, "shadow-test",
                "-c search_path=pg_catalog,pg_temp");
    }

    private static Connection connect(PostgresServer server, String database, String user, String password)
            throws SQLException {
        return connect(server, database, user, password, "attacker", "-c search_path=pg_catalog,pg_temp");
    }

    private static Connection connect(PostgresServer server, String database, String user, String password,
                                      String application, String options) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", application);
        if (options != null) {
            props.setProperty("options", options);
        }
        return DriverManager.getConnection(server.jdbcUrl(database), props);
    }

    private static void execute(Connection connection, String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
