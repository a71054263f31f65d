package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.Fingerprint;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.PUBLICATION;
import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static com.exoquic.configurer.e2e.EndToEnd.SLOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of drift issue 20 found accepted with exit 0 (PostgreSQL 17): the DDL guard disabled, dropped, replaced
 * by a no-op or made SECURITY INVOKER; the publication publishing only inserts, without publish_via_partition_root,
 * or owned by the application's role; the replication role given more than least privilege (membership in
 * pg_read_all_data, SELECT on a view, INSERT on a table, CREATE on the database) or unable to log in; a slot of the
 * configured name with another plugin. For each, {@code status} is unhealthy (exit 4) and names it, migrate repairs it
 * and reports what it took back (or refuses, where the repair is not the tool's), {@code status} is healthy again, the
 * replication role holds exactly its least privileges, the next migrate is a no-op, and the application's role,
 * which did what it could of the damage itself, gained nothing. Each breakage comes after a no-op that recorded the
 * catalog's fingerprint (exoquic.catalog_state), so each is found by a run that compares it first.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig({"wal_level = logical", "log_statement = 'all'"})
class DriftOfEveryKindTest {
    private static final String DB = "shop";
    private static final String APP = "app";
    private static PostgresServer server;
    private static Catalog catalog;
    private static Map<String, String> env;
    private static List<String> appRights;

    @BeforeAll
    static void configured(PostgresServer shared) {
        server = shared;
        server.createDatabase(DB);
        catalog = new Catalog(server, DB);
        catalog.execute("CREATE ROLE " + APP + " LOGIN PASSWORD 'app-pw'", "GRANT CREATE ON DATABASE " + DB + " TO " + APP,
                "GRANT CREATE ON SCHEMA public TO " + APP);
        asApp("CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.events (at timestamptz)",
                "CREATE VIEW public.order_view AS SELECT * FROM public.orders");
        env = Cli.env(server, DB);
        env.put("TABLES_TO_CAPTURE", "orders, events"); // a table list: its publication may be owned by a non-superuser
        EndToEnd.migrate(env);
        assertHealthy();
        appRights = Fingerprint.rights(catalog, APP);
    }

    @AfterEach
    void theApplicationGainedNothing() {
        assertThat(Fingerprint.rights(catalog, APP)).containsExactlyElementsOf(appRights);
    }

    @Test
    void theGuardDisabledDroppedReplacedOrMadeSecurityInvoker() {
        repaired("the DDL guard's event trigger exoquic_ddl_guard is disabled",
                "ALTER EVENT TRIGGER exoquic_ddl_guard DISABLE");
        repaired("the DDL guard's event trigger exoquic_ddl_guard is missing", "DROP EVENT TRIGGER exoquic_ddl_guard");
        repaired("exoquic.ddl_guard() is missing", "DROP FUNCTION exoquic.ddl_guard() CASCADE");
        repaired("exoquic.ddl_guard() was replaced", "CREATE OR REPLACE FUNCTION exoquic.ddl_guard() RETURNS event_trigger"
                + " LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ BEGIN END $$");
        repaired("exoquic.ddl_guard() is not SECURITY DEFINER", "ALTER FUNCTION exoquic.ddl_guard() SECURITY INVOKER");
        repaired("exoquic_ddl_guard runs another function", "DROP EVENT TRIGGER exoquic_ddl_guard",
                "CREATE FUNCTION public.nothing() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$",
                "CREATE EVENT TRIGGER exoquic_ddl_guard ON ddl_command_end EXECUTE FUNCTION public.nothing()");
        catalog.execute("DROP FUNCTION public.nothing()");
        // the grants it leaves to a transaction's commit: their function, trigger and tables
        repaired("exoquic.ddl_guard_at_commit() was replaced", "CREATE OR REPLACE FUNCTION exoquic.ddl_guard_at_commit()"
                + " RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
                + " AS $$ BEGIN RETURN NULL; END $$");
        repaired("the DDL guard's trigger ddl_guard_at_commit on exoquic.ddl_guard_commits is missing or disabled",
                "ALTER TABLE exoquic.ddl_guard_commits DISABLE TRIGGER ddl_guard_at_commit");
        repaired("the DDL guard's table exoquic.ddl_guard_pending is missing", "DROP TABLE exoquic.ddl_guard_pending");
        // and it works: a new keyless table takes the application's UPDATE at once
        asApp("CREATE TABLE public.after_repair (v text)", "INSERT INTO public.after_repair VALUES ('a')",
                "UPDATE public.after_repair SET v = 'b'", "DROP TABLE public.after_repair");
    }

    @Test
    void thePublicationsOperationsRootAndOwner() {
        repaired("the publication publishes only insert", "ALTER PUBLICATION " + PUBLICATION + " SET (publish = 'insert')");
        repaired("publish_via_partition_root off",
                "ALTER PUBLICATION " + PUBLICATION + " SET (publish_via_partition_root = false)");
        repaired("the publication is owned by app, not by the admin", "ALTER PUBLICATION " + PUBLICATION + " OWNER TO " + APP);
        assertThat(catalog.value("SELECT pubowner::regrole::text FROM pg_publication")).isEqualTo("postgres");
    }

    @Test
    void rightsBeyondLeastPrivilegeAreTakenBackAndReported() {
        String report = repaired("member of pg_read_all_data", "GRANT pg_read_all_data TO " + ROLE);
        assertThat(report).contains("taken from the replication role: member of pg_read_all_data");
        // the application grants what it owns
        report = repairedByApp("SELECT on view public.order_view", "GRANT SELECT ON public.order_view TO " + ROLE);
        assertThat(report).contains("taken from the replication role: SELECT on view public.order_view");
        report = repairedByApp("INSERT on table public.orders", "GRANT INSERT, UPDATE ON public.orders TO " + ROLE);
        assertThat(report).contains("taken from the replication role: INSERT on table public.orders",
                "taken from the replication role: UPDATE on table public.orders");
        repaired("CREATE on the database", "GRANT CREATE ON DATABASE " + DB + " TO " + ROLE);
        repaired("CREATE on schema public", "GRANT CREATE ON SCHEMA public TO " + ROLE);
        repaired("the replication role has SUPERUSER", "ALTER ROLE " + ROLE + " SUPERUSER");
    }

    @Test
    void aRoleThatCannotLogInIsRestored() throws SQLException {
        repaired("cannot log in: CONNECTION LIMIT 0", "ALTER ROLE " + ROLE + " CONNECTION LIMIT 0");
        repaired("has passed", "ALTER ROLE " + ROLE + " VALID UNTIL '2001-01-01'");
        try (Connection login = server.connect(DB, ROLE, Cli.REPLICATION_PASSWORD)) {
            assertThat(login.isValid(5)).as("the role logs in again").isTrue();
        }
    }

    @Test
    void aSlotWithAnotherPluginIsUnhealthyAndRefused() {
        catalog.execute("SELECT pg_drop_replication_slot('" + SLOT + "')",
                "SELECT pg_create_logical_replication_slot('" + SLOT + "', 'test_decoding')");
        Cli.Result status = Cli.run(env, "status");
        assertThat(status.exit()).as(status.toString()).isEqualTo(4);
        assertThat(status.out()).contains("plugin test_decoding");
        Cli.Result refused = Cli.run(env, "migrate");
        assertThat(refused.exit()).as("not the tool's to drop: " + refused).isEqualTo(2);
        assertThat(refused.err()).contains("test_decoding", "It was not touched");
        catalog.execute("SELECT pg_drop_replication_slot('" + SLOT + "')");
        EndToEnd.migrate(env);
        assertHealthy();
    }

    /** Breaks the catalog as the admin's fellow superuser would; see {@link #afterBreakage}. */
    private static String repaired(String problem, String... breakage) {
        catalog.execute(breakage);
        return afterBreakage(problem);
    }

    /** The application breaks what it may; see {@link #afterBreakage}. */
    private static String repairedByApp(String problem, String... breakage) {
        asApp(breakage);
        return afterBreakage(problem);
    }

    /**
     * status is unhealthy naming the problem, the dry-run shows a repair, migrate repairs it; then status is healthy,
     * the role holds exactly its least privileges and the next migrate is a no-op. Returns migrate's report.
     */
    private static String afterBreakage(String problem) {
        Cli.Result status = Cli.run(env, "status");
        assertThat(status.exit()).as(status.toString()).isEqualTo(4);
        assertThat(status.out()).contains(problem);
        assertThat(Cli.run(env, "migrate", "--dry-run").out()).as(problem).contains("the catalog drifted");
        Cli.Result migrate = EndToEnd.migrate(env);
        assertThat(migrate.out()).as(problem).contains("(repair)").doesNotContain("Up to date");
        assertHealthy();
        return migrate.out();
    }

    private static void assertHealthy() {
        Cli.Result status = Cli.run(env, "status");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(leastPrivilege()).containsExactly("LOGIN REPLICATION", "SELECT on public.events",
                "SELECT on public.orders", "USAGE on schema public");
        assertThat(EndToEnd.migrate(env).out()).contains("Up to date"); // a full read, which records the fingerprint
        assertThat(catalog.value("SELECT count(*) FROM exoquic.catalog_state")).as("fingerprint recorded").isEqualTo("1");
        int start = server.logLines().size();
        assertThat(EndToEnd.migrate(env).out()).contains("Up to date");
        List<String> lines = server.logLines();
        assertThat(lines.subList(start, lines.size()).stream().filter(line -> line.contains("app=exoquic-configurer"))
                .filter(line -> line.contains(" statement: ") || line.matches(".* execute [^:]*: .*")))
                .as("a repeated no-op: the run lock, one catalog read, the lock's release").hasSize(3);
    }

    /** Everything the replication role holds: attributes, memberships and privileges on anything in this database. */
    private static List<String> leastPrivilege() {
        String role = "'" + ROLE + "'::regrole";
        List<String> held = new java.util.ArrayList<>(catalog.column("SELECT concat_ws(' ', CASE WHEN rolcanlogin"
                + " AND rolconnlimit <> 0 AND (rolvaliduntil IS NULL OR rolvaliduntil > now()) THEN 'LOGIN' END,"
                + " CASE WHEN rolreplication THEN 'REPLICATION' END, CASE WHEN rolsuper THEN 'SUPERUSER' END,"
                + " CASE WHEN rolcreatedb THEN 'CREATEDB' END, CASE WHEN rolcreaterole THEN 'CREATEROLE' END,"
                + " CASE WHEN rolbypassrls THEN 'BYPASSRLS' END) FROM pg_roles WHERE rolname = '" + ROLE + "'"));
        held.addAll(catalog.column("SELECT 'member of ' || roleid::regrole FROM pg_auth_members WHERE member = " + role));
        held.addAll(catalog.column("SELECT a.privilege_type || ' on ' || format('%I.%I', n.nspname, c.relname)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a"
                + " WHERE a.grantee = " + role));
        held.addAll(catalog.column("SELECT a.privilege_type || ' on schema ' || n.nspname FROM pg_namespace n,"
                + " aclexplode(n.nspacl) a WHERE a.grantee = " + role));
        held.addAll(catalog.column("SELECT a.privilege_type || ' on database ' || d.datname FROM pg_database d,"
                + " aclexplode(d.datacl) a WHERE a.grantee = " + role));
        held.addAll(catalog.column("SELECT a.privilege_type || ' on ' || p.oid::regprocedure FROM pg_proc p,"
                + " aclexplode(p.proacl) a WHERE a.grantee = " + role));
        held.addAll(catalog.column("SELECT 'default ' || a.privilege_type || ' in ' || d.defaclnamespace::regnamespace"
                + " FROM pg_default_acl d, aclexplode(d.defaclacl) a WHERE a.grantee = " + role));
        return held.stream().sorted().toList();
    }

    private static void asApp(String... sql) {
        server.executeAs(DB, APP, "app-pw", sql);
    }
}
