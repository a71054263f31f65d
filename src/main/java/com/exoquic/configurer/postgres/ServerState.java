package com.exoquic.configurer.postgres;

import java.util.Map;

/** The server and the admin role, as read before any change. */
public record ServerState(int versionNum, String version, boolean inRecovery, String adminUser, String database,
                          boolean adminSuperuser, Map<String, ServerSetting> settings) {

    public int majorVersion() {
        return versionNum / 10000;
    }

    public ServerSetting setting(String name) {
        return settings.get(name);
    }
}
