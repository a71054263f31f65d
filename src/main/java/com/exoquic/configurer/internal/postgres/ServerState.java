package com.exoquic.configurer.internal.postgres;

import java.util.Map;
import java.util.Set;

/**
 * The server and the admin role, as read before any change. {@code alterSystemAllowed}: the admin is a
 * superuser and allow_alter_system (PostgreSQL 17+) is not off. {@code providerMarkers}: managed providers'
 * roles and custom settings present on the server, for {@link Provider#detect}. {@code adminCanGrantReplication}:
 * the admin may create a role WITH REPLICATION without being a superuser (PostgreSQL 16+: CREATEROLE and
 * REPLICATION itself, as Cloud SQL's and Azure's admin roles have).
 */
public record ServerState(int versionNum, String version, boolean inRecovery, String adminUser, String database,
                          boolean adminSuperuser, boolean alterSystemAllowed, boolean adminCanGrantReplication,
                          Set<String> providerMarkers,
                          Map<String, ServerSetting> settings) {

    public int majorVersion() {
        return versionNum / 10000;
    }

    public ServerSetting setting(String name) {
        return settings.get(name);
    }

    /** True while the running server cannot host a logical slot: only a restart changes that. */
    public boolean restartNeeded() {
        return !restartFor().isEmpty();
    }

    /** The settings whose running values keep a logical slot out, as what they need after the restart. */
    public java.util.List<String> restartFor() {
        java.util.List<String> needed = new java.util.ArrayList<>();
        if (!"logical".equals(setting("wal_level").running())) {
            needed.add("wal_level = logical");
        }
        for (String name : java.util.List.of("max_replication_slots", "max_wal_senders")) {
            if (setting(name).runningInt() < 1) {
                needed.add(name + " >= 1");
            }
        }
        return needed;
    }
}
