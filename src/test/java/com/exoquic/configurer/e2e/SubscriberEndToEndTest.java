package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.ROLE;
import static com.exoquic.configurer.e2e.EndToEnd.migrate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real consumer: a second server subscribes as the replication role to the slot and publication migrate made
 * (create_slot = false). Every table's initial copy must finish (state 'r'), and later inserts, updates and deletes,
 * keyless and partitioned tables included (a partition attached after the run too), must arrive with the
 * publisher's values.
 */
class SubscriberEndToEndTest {
    private static final List<String> PUBLISHER = List.of("wal_level = logical", "max_replication_slots = 20",
            "max_wal_senders = 20");
    private static final List<String> SUBSCRIBER = List.of("max_logical_replication_workers = 12",
            "max_worker_processes = 24");
    /** Tables of the application; the subscriber holds the same ones, partitioned tables as plain tables. */
    private static final String[] SCHEMA = {
        "CREATE SCHEMA sales",
        "CREATE TABLE sales.orders (id int PRIMARY KEY, status text)",
        "CREATE TABLE sales.notes (txt text)",
        "CREATE TABLE public.measurements (id int, region text, reading numeric) PARTITION BY RANGE (id)",
        "CREATE TABLE public.measurements_low PARTITION OF public.measurements FOR VALUES FROM (0) TO (100)"
                + " PARTITION BY LIST (region)",
        "CREATE TABLE public.measurements_low_eu PARTITION OF public.measurements_low FOR VALUES IN ('eu')",
        "CREATE TABLE public.measurements_low_us PARTITION OF public.measurements_low FOR VALUES IN ('us')",
        "CREATE TABLE public.measurements_high PARTITION OF public.measurements FOR VALUES FROM (100) TO (1000)"};
    private static final String[] SUBSCRIBER_SCHEMA = {
        "CREATE SCHEMA sales",
        "CREATE TABLE sales.orders (id int PRIMARY KEY, status text)",
        "CREATE TABLE sales.notes (txt text)",
        "ALTER TABLE sales.notes REPLICA IDENTITY FULL",
        "CREATE TABLE public.measurements (id int, region text, reading numeric)",
        "ALTER TABLE public.measurements REPLICA IDENTITY FULL"};
    private static final String[] ROWS_BEFORE = {
        "INSERT INTO sales.orders VALUES (1, 'new'), (2, 'new')",
        "INSERT INTO sales.notes VALUES ('first note'), ('second note')",
        "INSERT INTO public.measurements VALUES (1, 'eu', 1.5), (2, 'us', 2.5), (500, 'eu', 5.5)"};
    private static final String[] CHANGES_AFTER = {
        "INSERT INTO sales.orders VALUES (3, 'new')",
        "UPDATE sales.orders SET status = 'paid' WHERE id = 1",
        "DELETE FROM sales.orders WHERE id = 2",
        "INSERT INTO sales.notes VALUES ('third note')",
        "UPDATE sales.notes SET txt = 'first note, edited' WHERE txt = 'first note'",
        "DELETE FROM sales.notes WHERE txt = 'second note'",
        "INSERT INTO public.measurements VALUES (3, 'us', 3.5), (700, 'us', 7.5)",
        "UPDATE public.measurements SET reading = 10 WHERE id = 1",
        "DELETE FROM public.measurements WHERE id = 500",
        // A keyless partition attached after the run: the DDL guard gives it FULL, so its UPDATE works at once.
        "CREATE TABLE public.measurements_top (id int, region text, reading numeric)",
        "ALTER TABLE public.measurements ATTACH PARTITION public.measurements_top FOR VALUES FROM (1000) TO (2000)",
        "INSERT INTO public.measurements VALUES (1500, 'eu', 15.5)",
        "UPDATE public.measurements SET reading = 16 WHERE id = 1500"};
    private static final String CONTENT = "SELECT 'orders ' || coalesce(string_agg(id || ':' || status, ',' ORDER BY id), '')"
            + " FROM sales.orders UNION ALL"
            + " SELECT 'notes ' || coalesce(string_agg(txt, ',' ORDER BY txt), '') FROM sales.notes UNION ALL"
            + " SELECT 'measurements ' || coalesce(string_agg(id || region || reading, ',' ORDER BY id), '')"
            + " FROM public.measurements";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 15, 17, 18})
    void aSubscriberCopiesEveryCapturedTableAndReceivesLaterChanges(int major) throws Exception {
        try (PostgresServer publisher = PostgresServers.start(major, PUBLISHER);
             PostgresServer subscriber = PostgresServers.start(major, SUBSCRIBER)) {
            // One database per way of capturing; each has its own slot (slots are per server).
            subscribe(publisher, subscriber, "all_tables", "", "slot_all",
                    List.of("orders 1:new,2:new", "notes first note,second note",
                            "measurements 1eu1.5,2us2.5,500eu5.5"));
            subscribe(publisher, subscriber, "listed", "sales.orders, sales.notes, public.measurements", "slot_list",
                    List.of("orders 1:new,2:new", "notes first note,second note",
                            "measurements 1eu1.5,2us2.5,500eu5.5"));
            subscribe(publisher, subscriber, "schema", "sales.*", "slot_schema",
                    List.of("orders 1:new,2:new", "notes first note,second note", "measurements "));

            for (String database : List.of("all_tables", "listed", "schema")) {
                new Catalog(publisher, database).execute(CHANGES_AFTER);
            }
            awaitContent(subscriber, "all_tables", List.of("orders 1:paid,3:new",
                    "notes first note, edited,third note", "measurements 1eu10,2us2.5,3us3.5,700us7.5,1500eu16"));
            awaitContent(subscriber, "listed", List.of("orders 1:paid,3:new",
                    "notes first note, edited,third note", "measurements 1eu10,2us2.5,3us3.5,700us7.5,1500eu16"));
            // Where changes are published per partition (PostgreSQL 12, or a consumer reading partitions itself), the
            // copy of each partition needs SELECT: on every level, and on a partition attached after the run.
            Catalog listed = new Catalog(publisher, "listed");
            for (String partition : List.of("measurements_low", "measurements_low_eu", "measurements_high",
                    "measurements_top")) {
                assertThat(EndToEnd.canSelect(listed, "public." + partition)).as(partition).isTrue();
            }
            awaitContent(subscriber, "schema", List.of("orders 1:paid,3:new",
                    "notes first note, edited,third note", "measurements "));
        }
    }

    private static void subscribe(PostgresServer publisher, PostgresServer subscriber, String database, String tables,
                                  String slot, List<String> copied) throws Exception {
        publisher.createDatabase(database);
        Catalog source = new Catalog(publisher, database);
        source.execute(SCHEMA);
        source.execute(ROWS_BEFORE);
        Map<String, String> env = Cli.env(publisher, database);
        env.put("TABLES_TO_CAPTURE", tables);
        env.put("EXOQUIC_SLOT_NAME", slot);
        migrate(env);

        subscriber.createDatabase(database);
        Catalog target = new Catalog(subscriber, database);
        target.execute(SUBSCRIBER_SCHEMA);
        target.execute("CREATE SUBSCRIPTION exoquic_test CONNECTION " + conninfo(publisher, database)
                + " PUBLICATION exoquic_publication WITH (slot_name = '" + slot + "', create_slot = false)");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<String> states = List.of();
        while (Instant.now().isBefore(deadline)) {
            states = target.column("SELECT c.relname || ' ' || r.srsubstate::text FROM pg_subscription_rel r"
                    + " JOIN pg_class c ON c.oid = r.srrelid ORDER BY 1");
            if (!states.isEmpty() && states.stream().allMatch(state -> state.endsWith(" r"))) {
                break;
            }
            Thread.sleep(200);
        }
        List<String> expected = tables.equals("sales.*") ? List.of("notes r", "orders r")
                : List.of("measurements r", "notes r", "orders r");
        assertThat(states).as(database + ": every table's initial copy finished (state r): " + subscriber.logLines())
                .containsExactlyElementsOf(expected);
        assertThat(target.column(CONTENT)).as(database + ": the initial copy").containsExactlyElementsOf(copied);
    }

    private static void awaitContent(PostgresServer subscriber, String database,
                                         List<String> expected) throws InterruptedException {
        Catalog target = new Catalog(subscriber, database);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline) && !target.column(CONTENT).equals(expected)) {
            Thread.sleep(200);
        }
        assertThat(target.column(CONTENT)).as(database + ": changes after the copy arrived: " + subscriber.logLines())
                .containsExactlyElementsOf(expected);
    }

    /** A conninfo literal; the test password holds quotes and backslashes, escaped for conninfo, then for SQL. */
    private static String conninfo(PostgresServer publisher, String database) {
        String password = Cli.REPLICATION_PASSWORD.replace("\\", "\\\\").replace("'", "\\'");
        String conninfo = "host=" + publisher.host() + " port=" + publisher.port() + " dbname=" + database
                + " user=" + ROLE + " password='" + password + "'";
        return "'" + conninfo.replace("'", "''") + "'";
    }
}
