package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresServer;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps and checks the end-to-end tests share. */
final class EndToEnd {
    static final String ROLE = "exoquic_replication";
    static final String PUBLICATION = "exoquic_publication";
    static final String SLOT = "exoquic_replication_slot";

    private EndToEnd() {
    }

    /**
     * Sets wal_level = logical with ALTER SYSTEM, so migrate configures everything in one run. Servers start with
     * wal_level = logical: the setting lands in postgresql.auto.conf (which fingerprints compare) and the server
     * restarts only when it runs another level (a server started with {@code ServerConfig.WAL_LEVEL_REPLICA}).
     */
    static void walLevelLogical(PostgresServer server) {
        server.execute("postgres", "ALTER SYSTEM SET wal_level = logical", "SELECT pg_reload_conf()");
        if (!"logical".equals(new Catalog(server, "postgres").value("SHOW wal_level"))) {
            server.restart();
        }
    }

    /** Runs migrate and expects it to succeed (exit 0). */
    static Cli.Result migrate(Map<String, String> env) {
        Cli.Result result = Cli.run(env, "migrate");
        assertThat(result.exit()).as(result.toString()).isZero();
        return result;
    }

    static String publicationOid(Catalog catalog) {
        return catalog.value("SELECT oid::text FROM pg_publication WHERE pubname = '" + PUBLICATION + "'");
    }

    static List<String> publishedTables(Catalog catalog) {
        return catalog.column("SELECT schemaname || '.' || tablename FROM pg_publication_tables"
                + " WHERE pubname = '" + PUBLICATION + "' ORDER BY 1");
    }

    /** Whether the replication role can SELECT the table; {@code table} is SQL text, e.g. {@code "Sales"."Order Items"}. */
    static boolean canSelect(Catalog catalog, String table) {
        return Boolean.parseBoolean(catalog.value("SELECT has_table_privilege('" + ROLE + "', '"
                + table.replace("'", "''") + "', 'SELECT')::text"));
    }

    /** Schemas on which USAGE was granted to the replication role itself (not through PUBLIC). */
    static List<String> schemasWithUsageGranted(Catalog catalog) {
        return catalog.column("SELECT n.nspname FROM pg_namespace n, aclexplode(n.nspacl) a"
                + " WHERE a.grantee = '" + ROLE + "'::regrole AND a.privilege_type = 'USAGE' ORDER BY 1");
    }

    /**
     * With log_statement = 'all', the server logged the tool's statements but never the replication password.
     */
    static void assertPasswordNeverLogged(PostgresServer server) {
        List<String> log = server.logLines();
        assertThat(log).as("log_statement = 'all' must be on for this check to mean anything")
                .anyMatch(line -> line.contains("app=exoquic-configurer") && line.contains("statement:"));
        assertThat(String.join("\n", log)).doesNotContain(Cli.REPLICATION_PASSWORD).doesNotContain("ünï-42");
    }
}
