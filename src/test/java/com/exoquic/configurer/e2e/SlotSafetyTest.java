package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.SLOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issues 22 and 20: what migrate refuses before any change so that no slot, its own or another team's, is lost or
 * mistaken: a temporary slot of another session with the configured name, a WAL cap below what another slot retains,
 * a server without a free slot, and guards the server's version lacks. One server per version.
 */
class SlotSafetyTest {
    private static final String DB = "shop";

    @Test
    void onPostgres16TemporarySlotsSmallCapsAndFullServersAreRefusedAndSafeCapsApplied() throws Exception {
        try (PostgresServer server = PostgresServers.start(16, List.of("wal_level = logical",
                "max_replication_slots = 5", "max_wal_senders = 5"))) {
            server.createDatabase(DB);
            server.createDatabase("other");
            Catalog catalog = new Catalog(server, DB);
            Catalog other = new Catalog(server, "other");
            catalog.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY, pad text)");
            Map<String, String> env = Cli.env(server, DB);

            // Another session holds a temporary slot of the configured name: not Exoquic's, and gone when it ends.
            try (Connection session = server.connect(DB); Statement statement = session.createStatement()) {
                statement.execute("SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput', true)");
                for (String[] verb : List.of(new String[] {"migrate"}, new String[] {"migrate", "--dry-run"},
                        new String[] {"validate"})) {
                    Cli.Result refused = Cli.run(env, verb);
                    assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
                    assertThat(refused.out() + refused.err()).contains("slot '" + SLOT + "' is a temporary slot of"
                            + " another session", "pg_terminate_backend").doesNotContain("in place");
                }
                assertNothingChanged(catalog);
            }

            // Another team's slot retains more WAL than the cap asked for: refused, and that slot stays valid.
            other.execute("SELECT pg_create_logical_replication_slot('team_b', 'test_decoding')");
            catalog.execute("INSERT INTO public.orders SELECT g, repeat('x', 500) FROM generate_series(1, 60000) g");
            long retained = Long.parseLong(catalog.value("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)"
                    + " FROM pg_replication_slots WHERE slot_name = 'team_b'"));
            assertThat(retained).isGreaterThan(16L << 20);
            Cli.Result tooSmall = Cli.run(env, "migrate", "--max-slot-wal-keep-size", "16MB");
            assertThat(tooSmall.exit()).as(tooSmall.toString()).isEqualTo(2);
            assertThat(tooSmall.err()).contains("max_slot_wal_keep_size = 16.0 MB is less than the WAL these slots"
                    + " retain now: 'team_b' (database other) retains", "another team's");
            assertThat(Cli.run(env, "validate", "--max-slot-wal-keep-size", "16MB").out())
                    .contains("'team_b' (database other) retains");
            catalog.execute("CHECKPOINT");
            assertThat(catalog.value("SHOW max_slot_wal_keep_size")).isEqualTo("-1");
            assertThat(teamB(catalog)).isEqualTo("reserved");
            assertNothingChanged(catalog);

            // A cap above what every slot retains: shown by the dry-run, applied by a reload, no slot lost.
            Cli.Result preview = Cli.run(env, "migrate", "--dry-run", "--max-slot-wal-keep-size", "1GB");
            assertThat(preview.exit()).as(preview.toString()).isZero();
            assertThat(preview.out()).contains("-- step: WAL guards",
                    "ALTER SYSTEM SET max_slot_wal_keep_size = '1024MB';", "SELECT pg_catalog.pg_reload_conf();");
            assertThat(Cli.run(env, "migrate", "--dry-run").out()).doesNotContain("max_slot_wal_keep_size");
            Cli.Result applied = Cli.run(env, "migrate", "--max-slot-wal-keep-size", "1GB");
            assertThat(applied.exit()).as(applied.toString()).isZero();
            assertThat(applied.out()).contains("max_slot_wal_keep_size: -1 (off) -> 1024MB (applied by the reload)");
            assertThat(catalog.value("SHOW max_slot_wal_keep_size")).isEqualTo("1GB");
            catalog.execute("CHECKPOINT");
            assertThat(teamB(catalog)).isIn("reserved", "extended");
            Cli.Result again = Cli.run(env, "migrate", "--max-slot-wal-keep-size", "1GB");
            assertThat(again.out()).as(again.toString()).contains("Up to date");
            // Left alone when not asked, and reset by teardown --reset-settings.
            assertThat(Cli.run(env, "migrate").out()).contains("Up to date").doesNotContain("WAL guards");
            Cli.Result teardown = Cli.run(env, "teardown", "--yes", "--reset-settings");
            assertThat(teardown.exit()).as(teardown.toString()).isZero();
            assertThat(awaitSetting(catalog, "max_slot_wal_keep_size", "-1")).isEqualTo("-1");

            // Every slot in use (team_b and four standbys' slots): refused before any change, naming the setting.
            for (int i = 1; i <= 4; i++) {
                catalog.execute("SELECT pg_create_physical_replication_slot('standby_" + i + "')");
            }
            Cli.Result full = Cli.run(env, "migrate");
            assertThat(full.exit()).as(full.toString()).isEqualTo(2);
            assertThat(full.err()).contains("no free replication slot", "5 of max_replication_slots = 5 are in use",
                    "Raise max_replication_slots to at least 6", "ALTER SYSTEM SET max_replication_slots = '6'");
            assertNothingChanged(catalog);
            assertThat(catalog.column("SELECT rolname FROM pg_roles WHERE rolname = 'exoquic_replication'")).isEmpty();
            catalog.execute("SELECT pg_drop_replication_slot('standby_4')");
            Cli.Result room = Cli.run(env, "migrate");
            assertThat(room.exit()).as(room.toString()).isZero();
        }
    }

    @Test
    void onPostgres12TheGuardsAreRefusedNamingTheVersion() {
        try (PostgresServer server = PostgresServers.start(12, List.of())) {
            server.createDatabase(DB);
            Catalog catalog = new Catalog(server, DB);
            Cli.Result refused = Cli.run(Cli.env(server, DB), "migrate", "--max-slot-wal-keep-size", "50GB",
                    "--idle-slot-timeout", "2d");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).contains(
                    "--max-slot-wal-keep-size (EXOQUIC_MAX_SLOT_WAL_KEEP_SIZE) sets max_slot_wal_keep_size, which"
                            + " PostgreSQL 13 introduced, and this server runs 12.",
                    "--idle-slot-timeout (EXOQUIC_IDLE_SLOT_TIMEOUT) sets idle_replication_slot_timeout, which"
                            + " PostgreSQL 18 introduced, and this server runs 12.");
            assertNothingChanged(catalog);
            assertThat(catalog.value("SELECT count(*) FROM pg_file_settings WHERE sourcefile LIKE '%auto.conf'"))
                    .isEqualTo("0");
        }
    }

    private static String teamB(Catalog catalog) {
        return catalog.value("SELECT wal_status FROM pg_replication_slots WHERE slot_name = 'team_b'");
    }

    private static void assertNothingChanged(Catalog catalog) {
        assertThat(catalog.column("SELECT nspname FROM pg_namespace WHERE nspname = 'exoquic'")).isEmpty();
        assertThat(catalog.column("SELECT slot_name FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'"
                + " AND NOT temporary")).isEmpty();
    }

    /** pg_reload_conf() signals the server; the value changes once it has reloaded. */
    private static String awaitSetting(Catalog catalog, String name, String expected) throws InterruptedException {
        String value = catalog.value("SHOW " + name);
        for (int i = 0; i < 40 && !expected.equals(value); i++) {
            Thread.sleep(50);
            value = catalog.value("SHOW " + name);
        }
        return value;
    }
}
