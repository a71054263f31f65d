package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path ("up to date" without starting Flyway) steps aside for every kind of drift the run repairs: a
 * revoked grant, an altered or dropped publication, a reset replica identity, a dropped role attribute or view, a
 * deleted or failed history row, a changed template. After the repair, the next run is up to date again, and the
 * dry-run showed what the repair sent.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig({"wal_level = logical", "log_statement = 'all'"})
class DriftRepairTest {
    private static PostgresServer server;
    private static Catalog catalog;
    private static Map<String, String> env;

    @BeforeAll
    static void configured(PostgresServer shared) {
        server = shared;
        server.createDatabase("shop");
        catalog = new Catalog(server, "shop");
        catalog.execute("CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.events (at timestamptz)",
                "CREATE TABLE public.other (id int PRIMARY KEY)");
        env = Cli.env(server, "shop");
        env.put("TABLES_TO_CAPTURE", "orders, events");
        env.put("EXOQUIC_DDL_GUARD", "false"); // the guard would undo a reset identity before migrate could see it
        assertThat(Cli.run(env, "migrate").exit()).isZero();
        assertUpToDateWithoutFlyway();
    }

    @Test
    void aRevokedGrantIsRestored() {
        repaired("REVOKE SELECT ON public.events FROM exoquic_replication");
        assertThat(catalog.value("SELECT has_table_privilege('exoquic_replication', 'public.events', 'SELECT')::text"))
                .isEqualTo("true");
        // PUBLIC's own USAGE on public would otherwise keep the schema usable
        repaired("REVOKE USAGE ON SCHEMA public FROM PUBLIC, exoquic_replication");
        assertThat(catalog.value("SELECT has_schema_privilege('exoquic_replication', 'public', 'USAGE')::text"))
                .isEqualTo("true");
        catalog.execute("GRANT USAGE ON SCHEMA public TO PUBLIC");
    }

    @Test
    void anAlteredOrDroppedPublicationIsRestored() {
        repaired("ALTER PUBLICATION exoquic_publication ADD TABLE public.other");
        repaired("ALTER PUBLICATION exoquic_publication DROP TABLE public.events");
        repaired("DROP PUBLICATION exoquic_publication");
        assertThat(catalog.column("SELECT tablename FROM pg_publication_tables ORDER BY 1"))
                .containsExactly("events", "orders");
    }

    @Test
    void aResetIdentityADroppedAttributeAndADroppedViewAreRestored() {
        repaired("ALTER TABLE public.events REPLICA IDENTITY DEFAULT");
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'events'")).isEqualTo("f");
        repaired("ALTER ROLE exoquic_replication NOREPLICATION");
        assertThat(catalog.value("SELECT rolreplication::text FROM pg_roles WHERE rolname = 'exoquic_replication'"))
                .isEqualTo("true");
        repaired("DROP VIEW exoquic.status");
        assertThat(Cli.run(env, "status").exit()).isZero();
    }

    @Test
    void aDeletedOrChangedHistoryRowIsApplied() {
        repaired("DELETE FROM exoquic.flyway_schema_history WHERE description = '2 grants'");
        repaired("UPDATE exoquic.flyway_schema_history SET checksum = 42 WHERE description = '5 status view'");
    }

    @Test
    void aFailedHistoryRowMakesTheFastPathStepAside() {
        catalog.execute("UPDATE exoquic.flyway_schema_history SET success = false WHERE description = '5 status view'");
        int start = server.logLines().size();
        Cli.Result result = Cli.run(env, "migrate");
        assertThat(flywayStarted(start)).as("the fast path stepped aside").isTrue();
        catalog.execute("UPDATE exoquic.flyway_schema_history SET success = true WHERE description = '5 status view'");
        assertThat(result.exit()).as("Flyway reports the failed row: " + result).isNotZero();
    }

    /** Breaks the catalog, then: the dry-run shows the repair, migrate repairs it (with Flyway), the next run is up to date. */
    private static void repaired(String breakage) {
        catalog.execute(breakage);
        Cli.Result preview = Cli.run(env, "migrate", "--dry-run");
        assertThat(preview.out()).as(breakage).doesNotContain("Up to date");
        Cli.Result result = Cli.run(env, "migrate");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).as(breakage).contains("[done]");
        assertUpToDateWithoutFlyway();
    }

    /**
     * Up to date, without Flyway, and the catalog read in one statement: the run lock, one read (history, settings,
     * slot, role, publication, tables, everything), the catalog's fingerprint recorded (when what it covers changed:
     * grants, identities, tables; not for a role attribute or a publication), and the lock's release; then a
     * repeated no-op, which records nothing.
     */
    private static void assertUpToDateWithoutFlyway() {
        int start = server.logLines().size();
        Cli.Result again = Cli.run(env, "migrate");
        assertThat(again.out()).as(again.toString()).contains("Up to date");
        assertThat(flywayStarted(start)).as("the fast path does not start Flyway").isFalse();
        List<String> statements = statementsSince(start);
        assertThat(statements.size()).as("statements of the first no-op: %s", statements).isBetween(3, 4);
        assertThat(statements.get(0)).contains("pg_try_advisory_lock");
        assertThat(statements.get(1)).contains("SELECT state.fingerprint"); // the catalog read
        if (statements.size() == 4) { // the repair changed what the fingerprint covers: recorded anew
            assertThat(statements.get(2)).contains("INSERT INTO exoquic.catalog_state");
        }
        assertThat(statements.get(statements.size() - 1)).contains("pg_advisory_unlock");
        start = server.logLines().size();
        assertThat(Cli.run(env, "migrate").out()).contains("Up to date");
        statements = statementsSince(start);
        assertThat(statements).as("statements of a repeated no-op").hasSize(3);
        assertThat(statements.get(1)).contains("SELECT state.fingerprint");
    }

    private static List<String> statementsSince(int fromLine) {
        List<String> lines = server.logLines();
        return lines.subList(fromLine, lines.size()).stream()
                .filter(line -> line.contains("app=exoquic-configurer"))
                .filter(line -> line.contains(" statement: ") || line.matches(".* execute [^:]*: .*"))
                .toList();
    }

    /** Flyway reads its history table whenever it starts; the fast path reads it only through to_regclass. */
    private static boolean flywayStarted(int fromLine) {
        List<String> lines = server.logLines();
        return lines.subList(fromLine, lines.size()).stream()
                .anyMatch(line -> line.contains("\"flyway_schema_history\""));
    }
}
