package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PgOutput;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.PUBLICATION;
import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static com.exoquic.configurer.e2e.EndToEnd.SLOT;
import static com.exoquic.configurer.e2e.EndToEnd.assertPasswordNeverLogged;
import static com.exoquic.configurer.e2e.EndToEnd.migrate;
import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exoquic's view: logged in as the replication role, it reads the captured changes with pgoutput, and nothing else. */
@ExtendWith(PostgresExtension.class)
@ServerConfig("log_statement = 'all'")
class ConsumeChangesEndToEndTest {
    static final String DB = "shop";

    @Test
    void theReplicationRoleStreamsInsertsUpdatesAndDeletesOfCapturedTablesOnly(PostgresServer server) throws Exception {
        server.createDatabase(DB);
        walLevelLogical(server);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute(
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, status text)",
                "CREATE TABLE public.events (source text, payload text)",
                "CREATE TABLE public.salaries (id int PRIMARY KEY, employee text, amount numeric)");
        Map<String, String> env = Cli.env(server, DB);
        env.put("TABLES_TO_CAPTURE", "orders,events");
        migrate(env);

        try (Connection exoquic = server.connect(DB, ROLE, Cli.REPLICATION_PASSWORD);
             Statement statement = exoquic.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM public.orders")) {
                assertThat(rs.next()).as("a captured table is readable, for the initial snapshot").isTrue();
            }
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM public.salaries"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }

        catalog.execute(
                "INSERT INTO public.orders VALUES (1, 'new')",
                "UPDATE public.orders SET status = 'paid' WHERE id = 1",
                "DELETE FROM public.orders WHERE id = 1",
                "INSERT INTO public.salaries VALUES (7, 'alice', 120000)",
                "UPDATE public.salaries SET amount = 130000 WHERE id = 7",
                "DELETE FROM public.salaries WHERE id = 7",
                "INSERT INTO public.events VALUES ('checkout', 'keyless-old-payload')",
                "DELETE FROM public.events WHERE payload = 'keyless-old-payload'",
                "INSERT INTO public.orders VALUES (999, 'end-marker')");

        List<PgOutput.Change> changes;
        List<String> relations;
        try (PgOutput stream = PgOutput.start(server, DB, ROLE, Cli.REPLICATION_PASSWORD, SLOT, PUBLICATION)) {
            changes = stream.readUntil(change -> change.newRow() != null && change.newRow().contains("end-marker"),
                    Duration.ofSeconds(30));
            relations = List.copyOf(stream.relations());
        }

        assertThat(changes).map(PgOutput.Change::toString).containsExactly(
                "I public.orders N[1, new]",
                "U public.orders N[1, paid]",
                "D public.orders K[1, null]",
                "I public.events N[checkout, keyless-old-payload]",
                "D public.events O[checkout, keyless-old-payload]",
                "I public.orders N[999, end-marker]");
        assertThat(relations).as("salaries is not captured: none of its changes reach Exoquic")
                .containsExactly("public.events", "public.orders");
        assertPasswordNeverLogged(server);
    }

    @Test
    void capturingAllTablesAKeylessTableCreatedLaterStreamsItsWholeOldRowAfterTheNextRun(PostgresServer server)
            throws Exception {
        server.createDatabase(DB);
        walLevelLogical(server);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY, status text)");
        Map<String, String> env = Cli.env(server, DB);
        migrate(env);
        catalog.execute("CREATE TABLE public.audit_log (actor text, entry text)");
        migrate(env);

        catalog.execute(
                "INSERT INTO public.audit_log VALUES ('bob', 'distinctive-audit-entry')",
                "UPDATE public.audit_log SET actor = 'carol'",
                "DELETE FROM public.audit_log",
                "INSERT INTO public.orders VALUES (999, 'end-marker')");

        try (PgOutput stream = PgOutput.start(server, DB, ROLE, Cli.REPLICATION_PASSWORD, SLOT, PUBLICATION)) {
            List<PgOutput.Change> changes = stream.readUntil(
                    change -> change.newRow() != null && change.newRow().contains("end-marker"), Duration.ofSeconds(30));
            // The tool's own history is unlogged: FOR ALL TABLES does not publish the second run's history rows.
            assertThat(changes).map(PgOutput.Change::toString).containsExactly(
                    "I public.audit_log N[bob, distinctive-audit-entry]",
                    "U public.audit_log O[bob, distinctive-audit-entry] N[carol, distinctive-audit-entry]",
                    "D public.audit_log O[carol, distinctive-audit-entry]",
                    "I public.orders N[999, end-marker]");
        }
        assertPasswordNeverLogged(server);
    }
}
