package com.exoquic.configurer.internal.postgres;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server and the admin role, as read before any change. {@code alterSystemAllowed}: the admin is a
 * superuser and allow_alter_system (PostgreSQL 17+) is not off. {@code providerMarkers}: managed providers'
 * roles and custom parameters present on the server, for {@link Provider#detect}. {@code adminCanGrantReplication}:
 * the admin may create a role WITH REPLICATION without being a superuser (PostgreSQL 16+: CREATEROLE and
 * REPLICATION itself, as Cloud SQL's and Azure's admin roles have).
 */
public record ServerState(int versionNum, String version, boolean inRecovery, String adminUser, String database,
                          boolean adminSuperuser, boolean alterSystemAllowed, boolean adminCanGrantReplication,
                          Set<String> providerMarkers,
                          Map<String, ServerParameter> parameters) {

    public int majorVersion() {
        return versionNum / 10000;
    }

    public ServerParameter parameter(ManagedParameter parameter) {
        return parameters.get(parameter.parameter());
    }

    /** A parameter read along with the managed ones (the WAL guards); null where the server has no such parameter. */
    public ServerParameter parameter(String name) {
        return parameters.get(name);
    }

    /** True while the running server cannot host a logical slot: only a restart changes that. */
    public boolean restartNeeded() {
        return !restartFor().isEmpty();
    }

    /** The parameters whose running values keep a logical slot out, as what they need after the restart. */
    public List<String> restartFor() {
        return Arrays.stream(ManagedParameter.values())
                .filter(managed -> !managed.allowsSlot(parameter(managed).running()))
                .map(ManagedParameter::slotNeeds).toList();
    }
}
