package com.exoquic.configurer.internal.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the fleet reads of a server once, on one session, before any target runs: the admin and the running
 * parameters ({@link Admin}), the values written to the configuration and waiting for a restart, the replication
 * slots that exist (by database and name), the WAL senders in use, and an identity that tells two addresses of one
 * server apart from two servers.
 */
record ServerFacts(Admin admin, Map<String, String> configured, Set<String> slots, Set<String> activeSlots,
                   int walSenders, String identity) {

    /** The admin role and the running parameters. */
    record Admin(int majorVersion, boolean inRecovery, String user, boolean superuser, boolean alterSystemAllowed,
                 String provider, String providerSteps, String walLevel, int maxReplicationSlots, int maxWalSenders) {
    }

    // Every call schema-qualified; pg_file_settings is for superusers only, so it is read only by one.
    private static final String CONFIGURED = """
            SELECT name, setting FROM (
                SELECT DISTINCT ON (name) name, setting FROM pg_catalog.pg_file_settings
                 WHERE name IN ('wal_level', 'max_replication_slots', 'max_wal_senders')
                 ORDER BY name, seqno DESC) f
             WHERE (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)""";
    private static final String SLOTS = """
            SELECT s.database, s.slot_name, s.active FROM pg_catalog.pg_replication_slots s""";
    private static final String SERVER = """
            SELECT (SELECT pg_catalog.count(*) FROM pg_catalog.pg_stat_activity WHERE backend_type = 'walsender'),
                   pg_catalog.pg_postmaster_start_time()::text || ' port ' || pg_catalog.current_setting('port')""";

    static ServerFacts read(Connection connection, String host) throws SQLException {
        Admin admin = ServerInternals.admin(connection, host);
        Map<String, String> configured = new HashMap<>();
        Set<String> slots = new HashSet<>();
        Set<String> active = new HashSet<>();
        int senders;
        String identity;
        if (admin.superuser()) {
            try (PreparedStatement statement = connection.prepareStatement(CONFIGURED);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    configured.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(SLOTS); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String key = slotKey(rows.getString(1), rows.getString(2));
                slots.add(key);
                if (rows.getBoolean(3)) {
                    active.add(key);
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(SERVER); ResultSet rows = statement.executeQuery()) {
            rows.next();
            senders = rows.getInt(1);
            identity = rows.getString(2);
        }
        return new ServerFacts(admin, Map.copyOf(configured), Set.copyOf(slots), Set.copyOf(active), senders, identity);
    }

    /** How {@link #slots()} names a slot: database and slot name (a physical slot has no database). */
    static String slotKey(String database, String slot) {
        return (database == null ? "" : database) + "\u0000" + slot;
    }

    /** The value a parameter will have after a restart: the configured one when it can be read, else the running. */
    int afterRestart(String name, int running) {
        String value = configured.get(name);
        if (value == null) {
            return running;
        }
        try {
            return Math.max(Integer.parseInt(value.strip()), 0);
        } catch (NumberFormatException e) {
            return running;
        }
    }
}
