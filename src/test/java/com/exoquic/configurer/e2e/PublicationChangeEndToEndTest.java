package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static com.exoquic.configurer.e2e.EndToEnd.assertPasswordNeverLogged;
import static com.exoquic.configurer.e2e.EndToEnd.canSelect;
import static com.exoquic.configurer.e2e.EndToEnd.migrate;
import static com.exoquic.configurer.e2e.EndToEnd.publicationOid;
import static com.exoquic.configurer.e2e.EndToEnd.publishedTables;
import static com.exoquic.configurer.e2e.EndToEnd.schemasWithUsageGranted;
import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static org.assertj.core.api.Assertions.assertThat;

/** Changing TABLES_TO_CAPTURE between runs: the publication and the replication role's grants follow. */
@ExtendWith(PostgresExtension.class)
@ServerConfig("log_statement = 'all'")
class PublicationChangeEndToEndTest {
    static final String DB = "shop";
    static final String ORDERS = "public.orders";
    static final String ORDER_ITEMS = "\"Sales\".\"Order Items\"";

    static Catalog shop(PostgresServer server) {
        server.createDatabase(DB);
        walLevelLogical(server);
        Catalog catalog = new Catalog(server, DB);
        catalog.execute(
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric)",
                "CREATE TABLE public.events (at timestamptz, payload text)",
                "CREATE SCHEMA \"Sales\"",
                "CREATE TABLE \"Sales\".\"Order Items\" (order_id bigint, sku text, qty int, PRIMARY KEY (order_id, sku))",
                "CREATE TABLE \"Sales\".customers (id int PRIMARY KEY, name text)",
                "CREATE SCHEMA audit",
                "CREATE TABLE audit.log (id int PRIMARY KEY, entry text)");
        return catalog;
    }

    @Test
    void changingTheTableListAltersThePublicationInPlaceAndTheGrantsFollow(PostgresServer server) {
        Catalog catalog = shop(server);
        Map<String, String> env = Cli.env(server, DB);
        env.put("EXOQUIC_PUBLIC_HOST", "db.example.com"); // no loopback warning: this test expects none at all

        env.put("TABLES_TO_CAPTURE", "orders");
        Cli.Result first = migrate(env);
        String oid = publicationOid(catalog);
        assertThat(oid).isNotNull();
        assertThat(publishedTables(catalog)).containsExactly("public.orders");
        assertThat(canSelect(catalog, ORDERS)).isTrue();
        assertThat(canSelect(catalog, ORDER_ITEMS)).isFalse();
        assertThat(schemasWithUsageGranted(catalog)).containsExactly("public");
        assertNeverCapturedTablesAreUnreadable(catalog);
        assertThat(first.out()).doesNotContain("WARNING");

        env.put("TABLES_TO_CAPTURE", "orders,\"Sales\".\"Order Items\"");
        Cli.Result second = migrate(env);
        assertThat(publicationOid(catalog)).as("same publication, altered in place").isEqualTo(oid);
        assertThat(publishedTables(catalog)).containsExactly("Sales.Order Items", "public.orders");
        assertThat(canSelect(catalog, ORDERS)).isTrue();
        assertThat(canSelect(catalog, ORDER_ITEMS)).isTrue();
        assertThat(schemasWithUsageGranted(catalog)).containsExactly("Sales", "public");
        assertNeverCapturedTablesAreUnreadable(catalog);
        assertThat(second.out()).contains("[done]").doesNotContain("WARNING");

        env.put("TABLES_TO_CAPTURE", "\"Sales\".\"Order Items\"");
        Cli.Result third = migrate(env);
        assertThat(publicationOid(catalog)).as("same publication, altered in place").isEqualTo(oid);
        assertThat(publishedTables(catalog)).containsExactly("Sales.Order Items");
        assertThat(canSelect(catalog, ORDER_ITEMS)).isTrue();
        assertThat(canSelect(catalog, ORDERS)).as("orders left the list").isFalse();
        assertThat(schemasWithUsageGranted(catalog)).as("public is no longer needed").containsExactly("Sales");
        assertNeverCapturedTablesAreUnreadable(catalog);
        assertThat(third.out()).doesNotContain("WARNING");

        assertPasswordNeverLogged(server);
    }

    @Test
    void switchingBetweenAllTablesAndAListRecreatesThePublicationWithALoudWarning(PostgresServer server) {
        Catalog catalog = shop(server);
        Map<String, String> env = Cli.env(server, DB);
        env.put("EXOQUIC_PUBLIC_HOST", "db.example.com"); // no loopback warning: this test expects none at all

        Cli.Result allTables = migrate(env);
        String allTablesOid = publicationOid(catalog);
        assertThat(catalog.value("SELECT puballtables::text FROM pg_publication WHERE pubname = 'exoquic_publication'"))
                .isEqualTo("true");
        assertThat(canSelect(catalog, "audit.log")).isTrue();
        assertThat(allTables.out()).doesNotContain("WARNING");

        env.put("TABLES_TO_CAPTURE", "orders");
        Cli.Result toList = migrate(env);
        String listOid = publicationOid(catalog);
        assertThat(listOid).as("dropped and created again").isNotEqualTo(allTablesOid);
        assertThat(publishedTables(catalog)).containsExactly("public.orders");
        assertThat(toList.out()).contains("WARNING: PUBLICATION \"exoquic_publication\" WAS DROPPED AND CREATED AGAIN")
                .contains("must restart its stream");
        assertThat(canSelect(catalog, ORDERS)).isTrue();
        assertThat(canSelect(catalog, ORDER_ITEMS)).as("readable only while all tables were captured").isFalse();
        assertThat(canSelect(catalog, "audit.log")).as("readable only while all tables were captured").isFalse();
        assertThat(schemasWithUsageGranted(catalog)).containsExactly("public");
        catalog.execute("CREATE TABLE public.payroll (id int PRIMARY KEY, salary numeric)");
        assertThat(canSelect(catalog, "public.payroll")).as("a table created after the switch is not captured").isFalse();

        env.remove("TABLES_TO_CAPTURE");
        Cli.Result backToAll = migrate(env);
        assertThat(publicationOid(catalog)).as("dropped and created again").isNotEqualTo(listOid);
        assertThat(catalog.value("SELECT puballtables::text FROM pg_publication WHERE pubname = 'exoquic_publication'"))
                .isEqualTo("true");
        assertThat(backToAll.out()).contains("WARNING: PUBLICATION \"exoquic_publication\" WAS DROPPED AND CREATED AGAIN");
        assertThat(canSelect(catalog, ORDER_ITEMS)).isTrue();
        assertThat(canSelect(catalog, "public.payroll")).isTrue();
        assertThat(catalog.value("SELECT slot_name FROM pg_replication_slots")).as("the slot survives").isEqualTo(EndToEnd.SLOT);

        assertPasswordNeverLogged(server);
    }

    private static void assertNeverCapturedTablesAreUnreadable(Catalog catalog) {
        assertThat(canSelect(catalog, "public.events")).isFalse();
        assertThat(canSelect(catalog, "\"Sales\".customers")).isFalse();
        assertThat(canSelect(catalog, "audit.log")).isFalse();
        assertThat(catalog.value("SELECT has_schema_privilege('exoquic_replication', 'audit', 'USAGE')::text"))
                .isEqualTo("false");
    }
}
