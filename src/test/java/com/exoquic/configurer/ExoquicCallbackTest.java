package com.exoquic.configurer;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class ExoquicCallbackTest {

    @Test
    void oneFlywayMigrateOfTheApplicationAlsoConfiguresExoquicWithSeparateHistories(
            PostgresServer server, @TempDir Path migrations) throws Exception {
        server.createDatabase("app");
        Files.writeString(migrations.resolve("V1__app.sql"),
                "CREATE TABLE public.customers (id int PRIMARY KEY, name text);\nCREATE TABLE public.audit (at timestamptz);");

        Flyway.configure()
                .dataSource(server.jdbcUrl("app"), PostgresServer.SUPERUSER, PostgresServer.SUPERUSER_PASSWORD)
                .locations("filesystem:" + migrations)
                .placeholders(Map.of("TABLES_TO_CAPTURE", "customers,audit"))
                .callbacks(new ExoquicCallback(Map.of("EXOQUIC_REPLICATION_PASSWORD", Cli.REPLICATION_PASSWORD)))
                .load()
                .migrate();

        Catalog catalog = new Catalog(server, "app");
        assertThat(catalog.column("SELECT description FROM public.flyway_schema_history ORDER BY installed_rank"))
                .containsExactly("app");
        assertThat(catalog.column("SELECT description FROM exoquic.flyway_schema_history WHERE description <> '<< Flyway Schema Creation >>'"
                + " ORDER BY installed_rank")).contains("exoquic schema", "3 publication");
        assertThat(catalog.column("SELECT tablename FROM pg_publication_tables WHERE pubname = 'exoquic_publication' ORDER BY 1"))
                .containsExactly("audit", "customers");
        assertThat(catalog.value("SELECT relreplident::text FROM pg_class WHERE relname = 'audit'")).isEqualTo("f");
        assertThat(catalog.value("SELECT plugin FROM pg_replication_slots WHERE slot_name = 'exoquic_replication_slot'"))
                .isEqualTo("pgoutput");
    }
}
