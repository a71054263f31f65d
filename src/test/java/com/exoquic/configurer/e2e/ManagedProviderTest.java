package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import com.exoquic.configurer.testing.SimulatedRds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated AWS RDS: its roles and custom parameter, an admin that is rds_superuser but no superuser. The
 * tool does every step the admin may do, prints the provider's own steps for the settings, and finishes
 * once the provider has switched logical replication on.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig(WAL_LEVEL_REPLICA)
class ManagedProviderTest {

    @Test
    @ServerConfig("rds.logical_replication = '0'")
    void onRdsTheSettingsAreLeftToTheParameterGroupAndEverythingElseIsDone(PostgresServer server) throws Exception {
        Map<String, String> env = SimulatedRds.setUp(server, "CREATE TABLE public.orders (id int PRIMARY KEY)",
                "CREATE TABLE public.events (at timestamptz, payload text)");
        env.put("TABLES_TO_CAPTURE", "orders,events");
        Catalog catalog = new Catalog(server, "shop");

        Cli.Result first = Cli.run(env, "migrate");

        assertThat(first.exit()).as(first.toString()).isEqualTo(3);
        assertThat(first.out()).contains("AWS RDS", "rds.logical_replication = 1", "parameter group", "reboot")
                .contains("[skipped]", "may not run ALTER SYSTEM");
        assertThat(first.err()).doesNotContain("\tat ");
        assertThat(catalog.column("SELECT name FROM pg_file_settings WHERE name = 'wal_level'")).isEmpty();
        assertThat(catalog.value("SELECT rolreplication::text || ',' || pg_has_role('exoquic_replication', 'rds_replication', 'MEMBER')::text"
                + " FROM pg_roles WHERE rolname = 'exoquic_replication'")).isEqualTo("false,true");
        assertThat(catalog.column("SELECT tablename FROM pg_publication_tables ORDER BY 1")).containsExactly("events", "orders");
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'events'")).isEqualTo("f");

        // The provider applies its parameter group and reboots; rds_superuser may create slots there.
        server.execute("postgres", "ALTER SYSTEM SET wal_level = logical", "ALTER ROLE rds_admin REPLICATION");
        server.restart();
        Cli.Result second = Cli.run(env, "migrate");

        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(catalog.value("SELECT plugin FROM pg_replication_slots")).isEqualTo("pgoutput");
        assertThat(second.out()).as("an event trigger needs a superuser: the report says so and what to run")
                .contains("The DDL guard was not installed", "Run migrate once as a superuser");
        assertThat(catalog.column("SELECT evtname FROM pg_event_trigger")).isEmpty();
        assertThat(Cli.run(env, "migrate").exit()).as("the rds_replication membership is not an extra right").isZero();
    }

    @Test
    @ServerConfig("cloudsql.logical_decoding = 'off'")
    void onCloudSqlTheFlagIsLeftToYouAndTheRoleGetsReplication(PostgresServer server) throws Exception {
        adminDoesEverythingButTheSettings(server, "cloudsqlsuperuser", "Google Cloud SQL", "cloudsql.logical_decoding = on");
    }

    @Test
    void onAzureTheServerParameterIsLeftToYouAndTheRoleGetsReplication(PostgresServer server) throws Exception {
        adminDoesEverythingButTheSettings(server, "azure_pg_admin", "Azure", "server parameter wal_level = logical");
    }

    /** The provider's admin: no superuser, but CREATEROLE and REPLICATION, as Cloud SQL and Azure give it. */
    private static void adminDoesEverythingButTheSettings(PostgresServer server, String providerRole, String label,
                                                          String step) throws Exception {
        server.execute("postgres",
                "CREATE ROLE " + providerRole + " NOLOGIN",
                "CREATE ROLE cloud_admin LOGIN CREATEROLE REPLICATION PASSWORD 'cloud-admin-pw' IN ROLE " + providerRole,
                "CREATE DATABASE shop OWNER cloud_admin");
        try (Connection admin = server.connect("shop", "cloud_admin", "cloud-admin-pw");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE public.orders (id int PRIMARY KEY)");
        }
        Map<String, String> env = Cli.env(server, "shop");
        env.put("PGUSER", "cloud_admin");
        env.put("PGPASSWORD", "cloud-admin-pw");
        env.put("TABLES_TO_CAPTURE", "orders");
        Catalog catalog = new Catalog(server, "shop");

        Cli.Result first = Cli.run(env, "migrate");

        assertThat(first.exit()).as(first.toString()).isEqualTo(3);
        assertThat(first.out()).contains(label, step, "may not run ALTER SYSTEM");
        assertThat(catalog.value("SELECT rolreplication::text FROM pg_roles WHERE rolname = 'exoquic_replication'"))
                .isEqualTo("true");
        assertThat(catalog.column("SELECT tablename FROM pg_publication_tables")).containsExactly("orders");

        server.execute("postgres", "ALTER SYSTEM SET wal_level = logical");
        server.restart();
        Cli.Result second = Cli.run(env, "migrate");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(catalog.value("SELECT plugin FROM pg_replication_slots")).isEqualTo("pgoutput");
    }
}
