package com.exoquic.configurer.internal.postgres;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class ProviderTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
        "rds_superuser,            10.0.0.5,                                   AWS_RDS",
        "rds.logical_replication,  db,                                         AWS_RDS",
        "'',                       shop.abc123.eu-west-1.rds.amazonaws.com,    AWS_RDS",
        "cloudsqlsuperuser,        10.1.2.3,                                   GOOGLE_CLOUD_SQL",
        "azure_pg_admin,           10.0.0.9,                                   AZURE_FLEXIBLE",
        "'',                       shop.postgres.database.azure.com,           AZURE_FLEXIBLE",
        "supabase_admin,           127.0.0.1,                                  SUPABASE",
        "'',                       db.abcdefgh.supabase.co,                    SUPABASE",
        "neon_superuser,           127.0.0.1,                                  NEON",
        "'',                       postgres.railway.internal,                  RAILWAY",
        "'',                       roundhouse.proxy.rlwy.net,                  RAILWAY",
        "'',                       ec2-3-91-1-2.compute-1.amazonaws.com,       HEROKU",
        "'',                       localhost,                                  SELF_HOSTED"})
    void detectsTheProviderFromRolesSettingsAndHost(String marker, String host, Provider expected) {
        assertThat(Provider.detect(marker.isEmpty() ? Set.of() : Set.of(marker), host)).isEqualTo(expected);
    }
}
