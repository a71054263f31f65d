package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database every fault and concurrency test configures, and a fingerprint of what migrate leaves behind,
 * so a disturbed run plus a plain re-run can be compared with an undisturbed run.
 */
final class Convergence {
    static final String DB = "shop";
    static final String TABLES = "orders,events,sales.*";

    private Convergence() {
    }

    /** Captured: orders (key), events (no key), every table of sales (one without a key). Not captured: salaries. */
    static Catalog shop(PostgresServer server) {
        server.createDatabase(DB);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute(
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, status text)",
                "CREATE TABLE public.events (source text, payload text)",
                "CREATE TABLE public.salaries (id int PRIMARY KEY, amount numeric)",
                "CREATE SCHEMA sales",
                "CREATE TABLE sales.refunds (order_id bigint, amount numeric)",
                "CREATE TABLE sales.invoices (id bigint PRIMARY KEY)");
        return catalog;
    }

    static Map<String, String> env(PostgresServer server) {
        Map<String, String> env = Cli.env(server, DB);
        env.put("TABLES_TO_CAPTURE", TABLES);
        return env;
    }

    /**
     * Everything migrate creates or changes, without anything that differs between two servers (oids, times,
     * password salts): roles and their attributes, publication and its tables, slot, replica identities, grants,
     * server settings, the exoquic history and status view.
     */
    static List<String> fingerprint(PostgresServer server) {
        Catalog c = new Catalog(server, DB);
        String userRelations = " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";
        List<String> f = new ArrayList<>();
        f.add("roles " + c.column("SELECT rolname || ' super=' || rolsuper || ' createdb=' || rolcreatedb"
                + " || ' createrole=' || rolcreaterole || ' login=' || rolcanlogin || ' replication=' || rolreplication"
                + " || ' bypassrls=' || rolbypassrls || ' inherit=' || rolinherit || ' connlimit=' || rolconnlimit"
                + " FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1"));
        f.add("memberships " + c.column("SELECT m.member::regrole || ' in ' || m.roleid::regrole FROM pg_auth_members m"
                + " WHERE m.member::regrole::text !~ '^pg_' ORDER BY 1"));
        f.add("replication role logs in with its password: " + logsIn(server));
        f.add("publications " + c.column("SELECT pubname || ' all=' || puballtables || ' ops=' || pubinsert || pubupdate"
                + " || pubdelete || pubtruncate || ' viaroot=' || pubviaroot FROM pg_publication ORDER BY 1"));
        f.add("published tables " + c.column("SELECT pubname || ' ' || schemaname || '.' || tablename"
                + " FROM pg_publication_tables ORDER BY 1"));
        f.add("published schemas " + c.column("SELECT p.pubname || ' ' || pn.pnnspid::regnamespace"
                + " FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid ORDER BY 1"));
        f.add("slots " + c.column("SELECT slot_name || ' ' || plugin || ' ' || slot_type || ' ' || database"
                + " || ' temporary=' || temporary FROM pg_replication_slots ORDER BY 1"));
        f.add("replica identities " + c.column("SELECT n.nspname || '.' || c.relname || ' ' || c.relreplident::text"
                + userRelations + " AND c.relkind IN ('r', 'p') ORDER BY 1"));
        f.add("relation grants " + c.column("SELECT n.nspname || '.' || c.relname || ' ' || coalesce(c.relacl::text, '-')"
                + userRelations + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1"));
        f.add("schema grants " + c.column("SELECT nspname || ' ' || coalesce(nspacl::text, '-') FROM pg_namespace"
                + " WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY 1"));
        f.add("default privileges " + c.column("SELECT d.defaclrole::regrole || ' ' || coalesce(d.defaclnamespace::regnamespace::text, '-')"
                + " || ' ' || d.defaclobjtype::text || ' ' || d.defaclacl::text FROM pg_default_acl d ORDER BY 1"));
        f.add("server settings " + c.column("SELECT name || '=' || setting FROM pg_file_settings"
                + " WHERE sourcefile LIKE '%auto.conf' ORDER BY 1") + " running wal_level=" + c.value("SHOW wal_level"));
        f.add("history " + c.column("SELECT coalesce(version, '-') || ' ' || description || ' ' || type || ' ' || script"
                + " || ' ' || coalesce(checksum::text, '-') || ' success=' || success"
                + " FROM exoquic.flyway_schema_history ORDER BY installed_rank"));
        f.add("status view " + c.column("SELECT slot_name || ' ' || plugin || ' ' || publication_name || ' tables='"
                + " || publication_tables || ' without identity=' || tables_without_replica_identity FROM exoquic.status"));
        return f;
    }

    /** No failed row, and every migration applied once with its current checksum (as validate checks). */
    static void assertCleanHistory(PostgresServer server) {
        Catalog catalog = new Catalog(server, DB);
        assertThat(catalog.value("SELECT count(*) FROM exoquic.flyway_schema_history WHERE NOT success"))
                .as("failed rows in the exoquic history").isEqualTo("0");
        Cli.Result validate = Cli.run(env(server), "validate");
        assertThat(validate.exit()).as(validate.toString()).isZero();
    }

    private static boolean logsIn(PostgresServer server) {
        try (Connection connection = server.connect(DB, EndToEnd.ROLE, Cli.REPLICATION_PASSWORD)) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }
}
