package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an application's DataSource (its own port and database, no PG* variables), the report and the registration
 * name the database the work was done in, not PG* defaults (localhost:5432/postgres).
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig("wal_level = logical")
class SessionEndpointRegistrationTest {

    @Test
    void theReportAndTheRegistrationNameTheDataSourcesDatabase(PostgresServer server) throws Exception {
        assertThat(server.port()).as("the test means something only on a non-default port").isNotEqualTo(5432);
        server.createDatabase("inventory");
        new Catalog(server, "inventory").execute("CREATE TABLE public.items (id int PRIMARY KEY)");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {server.host()});
        dataSource.setPortNumbers(new int[] {server.port()});
        dataSource.setDatabaseName("inventory");
        dataSource.setUser(PostgresServer.SUPERUSER);
        dataSource.setPassword(PostgresServer.SUPERUSER_PASSWORD);

        try (FakeCloud cloud = new FakeCloud(FakeCloud.Answer.of(201))) {
            MigrationReport report = ExoquicConfigurer.configure()
                    .dataSource(dataSource)
                    .replicationPassword("endpoint-test-pw")
                    .apiKey("endpoint-test-key")
                    .cloudUrl(cloud.url())
                    .allowInsecureCloudUrl(true)
                    .load()
                    .migrate();

            assertThat(report.connection().port()).isEqualTo(server.port());
            assertThat(report.connection().database()).isEqualTo("inventory");
            assertThat(report.connection().host()).isEqualTo(server.host());
            assertThat(report.warnings()).anyMatch(warning -> warning.contains("EXOQUIC_PUBLIC_HOST"));
            JsonNode sent = new ObjectMapper().readTree(cloud.received().get(0).body());
            assertThat(sent.get("port").asInt()).isEqualTo(server.port());
            assertThat(sent.get("database").asText()).isEqualTo("inventory");
        }
    }
}
