package com.exoquic.configurer.internal.postgres;

import org.junit.jupiter.api.Tag;
import com.exoquic.configurer.internal.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The DataSource the tool connects with when the application gives none, built from the connection settings. */
@Tag("unit")
class ConnectorTest {

    private static PGSimpleDataSource dataSource(Map<String, String> env, boolean readOnly) {
        return (PGSimpleDataSource) Connector.dataSource(SettingsLoader.load(Map.of(), env, Set.of()).connection(),
                readOnly);
    }

    @Test
    void carriesEverySettingAsAPropertyNotInAUrl() {
        PGSimpleDataSource dataSource = dataSource(Map.of("PGHOST", "db.example.com", "PGPORT", "5433",
                "PGUSER", "admin", "PGPASSWORD", "s3cret", "PGDATABASE", "my db/x?y", "PGSSLMODE", "require",
                "EXOQUIC_CONNECT_TIMEOUT", "7"), false);

        assertThat(dataSource.getServerNames()).containsExactly("db.example.com");
        assertThat(dataSource.getPortNumbers()).containsExactly(5433);
        assertThat(dataSource.getUser()).isEqualTo("admin");
        assertThat(dataSource.getPassword()).isEqualTo("s3cret");
        assertThat(dataSource.getDatabaseName()).isEqualTo("my db/x?y");
        assertThat(dataSource.getSslMode()).isEqualTo("require");
        assertThat(dataSource.getConnectTimeout()).isEqualTo(7);
        assertThat(dataSource.getApplicationName()).isEqualTo("exoquic-configurer");
        assertThat(dataSource.getOptions()).isEqualTo("-c search_path=pg_catalog,pg_temp");
    }

    @Test
    void anIpv6HostFromAUrlAndNoPassword() {
        PGSimpleDataSource dataSource = dataSource(Map.of("DATABASE_URL", "postgres://admin@[::1]:5999/app"), false);

        assertThat(dataSource.getServerNames()).containsExactly("::1");
        assertThat(dataSource.getPortNumbers()).containsExactly(5999);
        assertThat(dataSource.getPassword()).isNull();
    }

    @Test
    void aReadOnlyDataSourceMakesEveryTransactionReadOnlyAndStillPinsTheSearchPath() {
        assertThat(dataSource(Map.of(), true).getOptions())
                .isEqualTo("-c default_transaction_read_only=on -c search_path=pg_catalog,pg_temp");
    }
}
