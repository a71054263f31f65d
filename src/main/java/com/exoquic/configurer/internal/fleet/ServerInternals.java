package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.internal.plan.ServerParametersStep;
import com.exoquic.configurer.internal.postgres.ManagedParameter;
import com.exoquic.configurer.internal.postgres.Inspector;
import com.exoquic.configurer.internal.postgres.Provider;
import com.exoquic.configurer.internal.postgres.ServerState;
import com.exoquic.configurer.internal.template.SqlTemplates;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one place the fleet reaches into the single-database run's internals (the inspector's server read, the
 * provider detection, the name of the server-settings step): everything else of the fleet uses the public
 * {@code ExoquicConfigurer} and its own {@link ServerFacts}, so a rename in those internals touches this class only.
 */
final class ServerInternals {
    /** What a dry-run of one target calls the statements of its server step, which the fleet does once per server. */
    static final String SERVER_STEP = ServerParametersStep.NAME;

    private ServerInternals() {
    }

    /** The server as the single-database run sees it, in the fleet's terms. */
    static ServerFacts.Admin admin(Connection connection, String host) throws SQLException {
        ServerState state = new Inspector(new SqlTemplates()).server(connection);
        Provider provider = Provider.detect(state.providerMarkers(), host);
        return new ServerFacts.Admin(state.majorVersion(), state.inRecovery(), state.adminUser(), state.adminSuperuser(),
                state.alterSystemAllowed(), provider.label(), provider.steps(),
                state.parameter(ManagedParameter.WAL_LEVEL).running(),
                Integer.parseInt(state.parameter(ManagedParameter.MAX_REPLICATION_SLOTS).running()),
                Integer.parseInt(state.parameter(ManagedParameter.MAX_WAL_SENDERS).running()));
    }
}
