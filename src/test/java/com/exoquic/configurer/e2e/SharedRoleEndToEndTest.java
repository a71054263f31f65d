package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PgOutput;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.PUBLICATION;
import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static com.exoquic.configurer.e2e.EndToEnd.migrate;
import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Roles are per server: two databases of one server share the replication role, and neither run breaks the other. */
@ExtendWith(PostgresExtension.class)
class SharedRoleEndToEndTest {
    private static final String OTHER_PASSWORD = "another-pw-for-the-second-db";

    @Test
    void aSecondDatabaseNeverSilentlyChangesTheRolesPasswordAndTeardownConvergesInEach(PostgresServer server)
            throws Exception {
        walLevelLogical(server);
        Map<String, String> first = database(server, "first", "slot_first");
        Map<String, String> second = database(server, "second", "slot_second");
        migrate(first);

        second.put("EXOQUIC_REPLICATION_PASSWORD", OTHER_PASSWORD);
        Cli.Result refused = Cli.run(second, "migrate");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.toString()).contains("already exists with another password", "\"first\"",
                "--rotate-replication-password");
        assertThat(new Catalog(server, "second").value("SELECT count(*) FROM pg_publication")).isEqualTo("0");
        assertLogsIn(server, "first", Cli.REPLICATION_PASSWORD);

        second.put("EXOQUIC_REPLICATION_PASSWORD", Cli.REPLICATION_PASSWORD);
        migrate(second);
        assertStreams(server, "first", "slot_first");
        assertStreams(server, "second", "slot_second");

        Cli.Result firstTeardown = Cli.run(first, "teardown", "--yes");
        assertThat(firstTeardown.exit()).as(firstTeardown.toString()).isZero();
        assertThat(firstTeardown.out()).contains("[left alone] replication role (kept): 1 other database(s) still use it");
        assertThat(new Catalog(server, "first").value(
                "SELECT count(*) FROM pg_class c, aclexplode(c.relacl) a WHERE a.grantee = '" + ROLE + "'::regrole"))
                .as("this database's grants are gone").isEqualTo("0");
        assertStreams(server, "second", "slot_second");

        Cli.Result secondTeardown = Cli.run(second, "teardown", "--yes");
        assertThat(secondTeardown.exit()).as(secondTeardown.toString()).isZero();
        assertThat(new Catalog(server, "postgres").value("SELECT count(*) FROM pg_roles WHERE rolname = '" + ROLE + "'"))
                .isEqualTo("0");
        Cli.Result again = Cli.run(first, "teardown", "--yes");
        assertThat(again.exit()).as(again.toString()).isZero();
    }

    @Test
    void rotatingThePasswordIsExplicit(PostgresServer server) throws Exception {
        walLevelLogical(server);
        Map<String, String> first = database(server, "first", "slot_first");
        Map<String, String> second = database(server, "second", "slot_second");
        migrate(first);
        second.put("EXOQUIC_REPLICATION_PASSWORD", OTHER_PASSWORD);
        Cli.Result rotated = Cli.run(second, "migrate", "--rotate-replication-password");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        assertLogsIn(server, "first", OTHER_PASSWORD);
        assertThatThrownBy(() -> assertLogsIn(server, "first", Cli.REPLICATION_PASSWORD))
                .isInstanceOf(SQLException.class);
    }

    private static Map<String, String> database(PostgresServer server, String name, String slot) {
        server.createDatabase(name);
        new Catalog(server, name).execute("CREATE TABLE public.orders (id int PRIMARY KEY)");
        Map<String, String> env = Cli.env(server, name);
        env.put("EXOQUIC_SLOT_NAME", slot);
        return env;
    }

    private static void assertLogsIn(PostgresServer server, String database, String password) throws SQLException {
        try (var connection = server.connect(database, ROLE, password)) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }

    private static void assertStreams(PostgresServer server, String database, String slot) throws Exception {
        int id = (int) (System.nanoTime() & 0xffff);
        new Catalog(server, database).execute("INSERT INTO public.orders VALUES (" + id + ")");
        try (PgOutput stream = PgOutput.start(server, database, ROLE, Cli.REPLICATION_PASSWORD, slot, PUBLICATION)) {
            List<PgOutput.Change> changes = stream.readUntil(
                    change -> change.newRow() != null && change.newRow().contains(Integer.toString(id)),
                    Duration.ofSeconds(30));
            assertThat(changes).map(PgOutput.Change::toString).endsWith("I public.orders N[" + id + "]");
        }
    }
}
