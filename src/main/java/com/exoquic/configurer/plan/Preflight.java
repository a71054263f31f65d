package com.exoquic.configurer.plan;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.config.CaptureSet;
import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.postgres.ListedTable;
import com.exoquic.configurer.postgres.PublicationState;
import com.exoquic.configurer.postgres.RoleState;
import com.exoquic.configurer.postgres.ServerState;
import com.exoquic.configurer.postgres.SlotState;
import com.exoquic.configurer.postgres.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Checks, before any change, everything that would make migrate fail halfway; reports all at once. */
public final class Preflight {
    public static final int OLDEST_SUPPORTED = 12;
    static final int FAILOVER_SLOTS_FROM = 17;
    public Preflight() {
    }

    public List<String> problems(Settings settings, Snapshot snapshot) {
        List<String> problems = new ArrayList<>();
        ServerState server = snapshot.server();
        if (server.majorVersion() < OLDEST_SUPPORTED) {
            problems.add("PostgreSQL " + server.version() + " is not supported: logical replication for Exoquic needs "
                    + OLDEST_SUPPORTED + " or newer; upgrade the server");
        }
        if (settings.failoverSlot() && server.majorVersion() < FAILOVER_SLOTS_FROM) {
            problems.add("--failover-slot (EXOQUIC_FAILOVER_SLOT) needs PostgreSQL " + FAILOVER_SLOTS_FROM
                    + " or newer, and this server runs " + server.version() + ": failover slots"
                    + " (pg_create_logical_replication_slot(..., failover => true), kept on standbys by"
                    + " sync_replication_slots) arrived in 17. Drop the option, or upgrade the server");
        }
        if (server.inRecovery()) {
            problems.add("the server is a standby (in recovery); run the tool against the primary");
        }
        tables(settings, snapshot, problems);
        role(settings, snapshot, problems);
        slot(settings, snapshot, problems);
        publication(settings, snapshot, problems);
        privileges(settings, snapshot, problems);
        return problems;
    }

    static void requireNone(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigurerException(ErrorCode.PREFLIGHT,
                    "Preflight found " + problems.size() + " problem(s); nothing was changed:", problems, null);
        }
    }

    /** In the order TABLES_TO_CAPTURE lists them, so the user can walk the list. */
    private static void tables(Settings settings, Snapshot snapshot, List<String> problems) {
        CaptureSet capture = settings.capture();
        List<Map.Entry<String, String>> found = new ArrayList<>();
        for (ListedTable table : snapshot.unusableListedTables()) {
            found.add(Map.entry(table.name().quoted(), "TABLES_TO_CAPTURE names " + table.name() + ", which "
                    + table.kindDescription() + "; correct or remove it (names are case-sensitive when quoted)"));
        }
        snapshot.missingSchemas().forEach(schema -> found.add(Map.entry(schema.quoted() + ".*",
                "TABLES_TO_CAPTURE names schema " + schema.quoted() + ".*, which does not exist; correct or remove it")));
        found.sort(Comparator.comparingInt(entry -> capture.inputPosition(entry.getKey())));
        found.forEach(entry -> problems.add(entry.getValue()));
    }

    private static void role(Settings settings, Snapshot snapshot, List<String> problems) {
        RoleState role = snapshot.role();
        if (role.exists() && !role.extraRights(snapshot.provider().replicationGrantRole()).isEmpty()) {
            problems.add("the replication user " + settings.replicationUser().quoted() + " already exists with "
                    + String.join(", ", role.extraRights(snapshot.provider().replicationGrantRole())) + "; Exoquic needs a role with only LOGIN REPLICATION."
                    + " Choose another EXOQUIC_REPLICATION_USER, or remove those rights yourself");
        }
    }

    private static void slot(Settings settings, Snapshot snapshot, List<String> problems) {
        SlotState slot = snapshot.slot();
        if (slot == null) {
            return;
        }
        String name = settings.slot().name();
        if (!"logical".equals(slot.slotType()) || !"pgoutput".equals(slot.plugin())) {
            problems.add("slot '" + name + "' already exists as a " + slot.slotType() + " slot with plugin "
                    + slot.plugin() + "; Exoquic needs a logical pgoutput slot. It was not touched: choose another"
                    + " EXOQUIC_SLOT_NAME, or drop it yourself if nothing uses it");
        } else if (!snapshot.server().database().equals(slot.database())) {
            problems.add("slot '" + name + "' already exists for database '" + slot.database() + "', not '"
                    + snapshot.server().database() + "'. It was not touched: choose another EXOQUIC_SLOT_NAME");
        }
    }

    private static void publication(Settings settings, Snapshot snapshot, List<String> problems) {
        PublicationState publication = snapshot.publication();
        if (publication != null && !publication.publishesAllRowChanges()) {
            problems.add("publication " + settings.publication().quoted() + " already exists and publishes only '"
                    + publication.publishes() + "'; Exoquic needs inserts, updates and deletes. It was not touched:"
                    + " run ALTER PUBLICATION " + settings.publication().quoted()
                    + " SET (publish = 'insert, update, delete, truncate') if nothing else relies on it,"
                    + " or choose another EXOQUIC_PUBLICATION_NAME");
        }
    }

    private static void privileges(Settings settings, Snapshot snapshot, List<String> problems) {
        if (snapshot.server().adminSuperuser()) {
            return;
        }
        // Server settings are not a blocker: migrate does the rest and reports the provider's steps for them.
        List<String> needs = new ArrayList<>();
        boolean canGiveReplication = snapshot.provider().replicationGrantRole() != null
                || snapshot.server().adminCanGrantReplication();
        if (!canGiveReplication && (!snapshot.role().exists() || !snapshot.role().replication())) {
            needs.add("CREATE ROLE " + settings.replicationUser().quoted() + " WITH LOGIN REPLICATION;"
                    + " (or ALTER ROLE ... WITH LOGIN REPLICATION)");
        }
        if (settings.capture().isAllTables() && snapshot.publication() == null) {
            needs.add("CREATE PUBLICATION " + settings.publication().quoted() + " FOR ALL TABLES;");
        }
        if (!needs.isEmpty()) {
            problems.add("the admin role '" + snapshot.server().adminUser() + "' is not a superuser, so these steps"
                    + " cannot run; have a superuser run them, then run migrate again: " + String.join(" ", needs));
        }
    }
}
