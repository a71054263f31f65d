package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.internal.config.SettingsLoader;
import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.internal.postgres.Connector;
import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sessions one target's run holds at once, measured: the fleet reserves {@link FleetOperation#sessions()} per
 * target from its server's limit, so the figure must be exact (too low and runs are refused, too high and the limit
 * admits fewer targets than it could). And a run that wants one more than it reserved is refused loudly.
 */
@ExtendWith(PostgresExtension.class)
@ServerConfig("wal_level = logical")
class FleetSessionsTest {

    @Test
    void eachOperationHoldsExactlyTheSessionsTheFleetReserves(PostgresServer server) {
        server.createDatabase("shop");
        new Catalog(server, "shop").execute("CREATE TABLE public.orders (id int PRIMARY KEY)",
                "CREATE TABLE public.events (at timestamptz)");
        // A first migrate (every step does work), then a no-op; the other operations on the configured database.
        assertThat(peak(server, configurer -> configurer.migrate())).isEqualTo(FleetOperation.MIGRATE.sessions());
        assertThat(peak(server, configurer -> configurer.migrate())).isLessThanOrEqualTo(FleetOperation.MIGRATE.sessions());
        assertThat(peak(server, configurer -> configurer.plan())).isEqualTo(FleetOperation.PLAN.sessions());
        assertThat(peak(server, configurer -> configurer.validate())).isEqualTo(FleetOperation.VALIDATE.sessions());
        assertThat(peak(server, configurer -> configurer.status(1L << 30))).isEqualTo(FleetOperation.STATUS.sessions());
    }

    @Test
    void oneSessionMoreThanReservedIsRefusedLoudly(PostgresServer server) {
        server.createDatabase("shop");
        ReservedDataSource sessions = new ReservedDataSource(Connector.dataSource(
                SettingsLoader.load(java.util.Map.of(), Cli.env(server, "shop"), java.util.Set.of()).connection(), false), 1, "postgres://postgres@host/shop");
        ExoquicConfigurer configurer = configurer(server, sessions);
        assertThatThrownBy(configurer::validate).hasMessageContaining("wanted session 2 for postgres://postgres@host/shop")
                .hasMessageContaining("reserved 1");
        assertThat(sessions.openNow()).isZero();
    }

    private static int peak(PostgresServer server, Consumer<ExoquicConfigurer> operation) {
        ReservedDataSource sessions = new ReservedDataSource(Connector.dataSource(
                SettingsLoader.load(java.util.Map.of(), Cli.env(server, "shop"), java.util.Set.of()).connection(), false), 10, "shop");
        operation.accept(configurer(server, sessions));
        assertThat(sessions.openNow()).as("every session closed").isZero();
        return sessions.peak();
    }

    private static ExoquicConfigurer configurer(PostgresServer server, javax.sql.DataSource dataSource) {
        return ExoquicConfigurer.configure().environment(Cli.env(server, "shop")).dataSource(dataSource).load();
    }
}
