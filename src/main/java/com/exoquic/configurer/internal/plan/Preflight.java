package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.Finding;
import com.exoquic.configurer.internal.config.CaptureSet;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.TableName;
import com.exoquic.configurer.internal.sql.Sql;
import com.exoquic.configurer.internal.postgres.Drift;
import com.exoquic.configurer.internal.text.Count;
import com.exoquic.configurer.internal.text.Excerpt;
import com.exoquic.configurer.internal.postgres.ListedTable;
import com.exoquic.configurer.internal.postgres.Ownership;
import com.exoquic.configurer.internal.postgres.PublicationState;
import com.exoquic.configurer.internal.postgres.RoleState;
import com.exoquic.configurer.internal.postgres.ServerState;
import com.exoquic.configurer.internal.postgres.SlotState;
import com.exoquic.configurer.internal.postgres.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.exoquic.configurer.internal.postgres.FindingCode.FAILOVER_SLOT_VERSION;
import static com.exoquic.configurer.internal.postgres.FindingCode.IDENTITY_NOTHING;
import static com.exoquic.configurer.internal.postgres.FindingCode.NEEDS_SUPERUSER;
import static com.exoquic.configurer.internal.postgres.FindingCode.PUBLICATION_FOREIGN;
import static com.exoquic.configurer.internal.postgres.FindingCode.PUBLICATION_OPERATIONS;
import static com.exoquic.configurer.internal.postgres.FindingCode.PUBLICATION_OWNER;
import static com.exoquic.configurer.internal.postgres.FindingCode.READ_ONLY;
import static com.exoquic.configurer.internal.postgres.FindingCode.ROLE_EXTRA_PRIVILEGES;
import static com.exoquic.configurer.internal.postgres.FindingCode.ROLE_EXTRA_RIGHTS;
import static com.exoquic.configurer.internal.postgres.FindingCode.ROLE_FOREIGN;
import static com.exoquic.configurer.internal.postgres.FindingCode.ROLE_PRIVILEGE;
import static com.exoquic.configurer.internal.postgres.FindingCode.ROLE_STALE_GRANT;
import static com.exoquic.configurer.internal.postgres.FindingCode.SCHEMA_FOREIGN;
import static com.exoquic.configurer.internal.postgres.FindingCode.SCHEMA_MISSING;
import static com.exoquic.configurer.internal.postgres.FindingCode.SCHEMA_UNTRUSTED_OBJECTS;
import static com.exoquic.configurer.internal.postgres.FindingCode.SLOT_CONFLICT;
import static com.exoquic.configurer.internal.postgres.FindingCode.SLOT_LOST;
import static com.exoquic.configurer.internal.postgres.FindingCode.SLOT_LOST_ACTIVE;
import static com.exoquic.configurer.internal.postgres.FindingCode.SLOT_RIGHTS;
import static com.exoquic.configurer.internal.postgres.FindingCode.SLOT_TEMPORARY;
import static com.exoquic.configurer.internal.postgres.FindingCode.STANDBY;
import static com.exoquic.configurer.internal.postgres.FindingCode.TABLE_NOT_OWNED;
import static com.exoquic.configurer.internal.postgres.FindingCode.TABLE_UNUSABLE;
import static com.exoquic.configurer.internal.postgres.FindingCode.UNSUPPORTED_VERSION;

/** Checks, before any change, everything that would make migrate fail halfway; reports all at once. */
public final class Preflight {
    public static final int OLDEST_SUPPORTED = 12;
    static final int FAILOVER_SLOTS_FROM = 17;
    public Preflight() {
    }

    public List<Finding> problems(Settings settings, Snapshot snapshot) {
        Findings problems = new Findings();
        ServerState server = snapshot.server();
        if (server.majorVersion() < OLDEST_SUPPORTED) {
            problems.add(UNSUPPORTED_VERSION, null, "PostgreSQL " + server.version() + " is not supported: logical replication for Exoquic needs "
                    + OLDEST_SUPPORTED + " or newer; upgrade the server", null);
        }
        if (settings.failoverSlot() && server.majorVersion() < FAILOVER_SLOTS_FROM) {
            problems.add(FAILOVER_SLOT_VERSION, null, "--failover-slot (EXOQUIC_FAILOVER_SLOT) needs PostgreSQL " + FAILOVER_SLOTS_FROM
                    + " or newer, and this server runs " + server.version() + ": failover slots"
                    + " (pg_create_logical_replication_slot(..., failover => true), kept on standbys by"
                    + " sync_replication_slots) arrived in 17. Drop the option, or upgrade the server", null);
        }
        if (server.inRecovery()) {
            problems.add(STANDBY, null, "the server is a standby (in recovery); run the tool against the primary", null);
        }
        if (snapshot.ownership().readOnlyByDefault()) {
            problems.add(READ_ONLY, null, "default_transaction_read_only is on for this database or the admin role, so every change"
                    + " would fail: run migrate as a role and database where it is off (ALTER DATABASE ... SET"
                    + " default_transaction_read_only = off), or against the primary", null);
        }
        boolean recreate = SlotStep.recreates(snapshot.slot(), settings.recreateLostSlot());
        if ((snapshot.slot() == null || recreate) && !snapshot.ownership().adminMayReplicate()) {
            problems.add(SLOT_RIGHTS, Identifier.of(server.adminUser()).quoted(), "the admin role '" + server.adminUser() + "' may not create replication slots (it needs"
                    + " SUPERUSER or REPLICATION): have a superuser run ALTER ROLE " + Identifier.of(server.adminUser()).quoted()
                    + " REPLICATION, or create the slot: SELECT pg_create_logical_replication_slot("
                    + Sql.literal(settings.slot().name()) + ", 'pgoutput')", "ALTER ROLE " + Identifier.of(server.adminUser()).quoted() + " REPLICATION");
        }
        tables(settings, snapshot, problems);
        risks(settings, snapshot, problems);
        ownership(settings, snapshot, problems);
        role(settings, snapshot, problems);
        slot(settings, snapshot, problems);
        publication(settings, snapshot, problems);
        privileges(settings, snapshot, problems);
        List<Finding> found = new ArrayList<>(problems.list());
        found.addAll(WalGuards.problems(settings, snapshot));
        found.addAll(SlotCapacity.of(snapshot, recreate));
        return List.copyOf(found);
    }

    static void requireNone(List<Finding> findings) {
        if (!findings.isEmpty()) {
            throw new ConfigurerException(ErrorCode.PREFLIGHT, "Preflight found " + Count.of(findings.size(), "problem")
                    + "; nothing was changed:", findings);
        }
    }

    /** In the order TABLES_TO_CAPTURE lists them, so the user can walk the list. */
    private static void tables(Settings settings, Snapshot snapshot, Findings problems) {
        CaptureSet capture = settings.capture();
        List<Finding> found = new ArrayList<>();
        for (ListedTable table : snapshot.unusableListedTables()) {
            found.add(TABLE_UNUSABLE.finding(table.name().quoted(), "TABLES_TO_CAPTURE names " + table.name()
                    + ", which " + table.kindDescription() + "; correct or remove it (names are case-sensitive when"
                    + " quoted)", null));
        }
        snapshot.missingSchemas().forEach(schema -> found.add(SCHEMA_MISSING.finding(schema.quoted() + ".*",
                "TABLES_TO_CAPTURE names schema " + schema.quoted() + ".*, which does not exist; correct or remove it",
                null)));
        found.sort(Comparator.comparingInt(finding -> capture.inputPosition(finding.object())));
        found.forEach(problems::add);
    }

    private static void risks(Settings settings, Snapshot snapshot, Findings problems) {
        List<TableName> nothing = snapshot.risks().identityNothing();
        if (!nothing.isEmpty()) {
            problems.add(IDENTITY_NOTHING, names(nothing), "captured table(s) " + names(nothing) + " have REPLICA IDENTITY NOTHING: once published, the"
                    + " application's UPDATE and DELETE on them fail. Give each an identity (ALTER TABLE ..."
                    + " REPLICA IDENTITY DEFAULT with a primary key, USING INDEX, or FULL), or leave it out of"
                    + " TABLES_TO_CAPTURE", null);
        }
        List<TableName> notOwned = snapshot.risks().notOwned();
        if (!notOwned.isEmpty()) {
            problems.add(TABLE_NOT_OWNED, names(notOwned), "the admin role '" + snapshot.server().adminUser() + "' does not own captured table(s) "
                    + names(notOwned) + ", so it can neither publish them nor set their replica identity: run migrate"
                    + " as their owner or a superuser, or leave them out of TABLES_TO_CAPTURE", null);
        }
    }

    /**
     * Only what the admin owns is the tool's (see {@link Ownership}): objects of the configured names that another
     * role owns, or that this tool did not create, are refused unless --adopt takes them over, and objects another
     * role owns in the exoquic schema are refused even then. Where the tool's own history exists (in a table the
     * admin owns), the tool has run here before and the configured objects are its own (they predate the marks);
     * what changed since is drift, repaired by migrate (DriftCheck).
     */
    private static void ownership(Settings settings, Snapshot snapshot, Findings problems) {
        Ownership own = snapshot.ownership();
        // The exported migrations applied by another Flyway count as this tool's too (read only from tables the
        // admin owns).
        boolean ranHere = snapshot.history() != null || !snapshot.adoptedHistory().isEmpty();
        schema(settings, own, ranHere, problems);
        if (snapshot.role().exists() && own.roleOwnsObjects() && !ranHere && !settings.adopt()) {
            // A mark on a role proves nothing either: whoever may create roles may comment on them.
            problems.add(ROLE_FOREIGN, settings.replicationUser().quoted(), "the role " + settings.replicationUser().quoted() + " already exists and owns objects: it"
                    + " looks like an application's role, and migrate would replace its password and give it"
                    + " REPLICATION. Choose another EXOQUIC_REPLICATION_USER (default exoquic_replication), or pass"
                    + " --adopt if it really is meant for Exoquic", null);
        }
        PublicationState publication = snapshot.publication();
        if (publication == null) {
            return;
        }
        if (ranHere || own.publicationMarked()) {
            if (!own.publicationTrusted() && !own.publicationOwnedByAdmin()) {
                problems.add(PUBLICATION_OWNER, settings.publication().quoted(), "publication " + settings.publication().quoted() + " is owned by " + own.publicationOwner()
                        + ", so the admin role '" + snapshot.server().adminUser() + "' cannot take it back: have a"
                        + " superuser run ALTER PUBLICATION " + settings.publication().quoted() + " OWNER TO "
                        + Identifier.of(snapshot.server().adminUser()).quoted() + ", then run migrate again", null);
            }
            return;
        }
        if (!own.publicationTrusted()) {
            if (!settings.adopt() || !own.publicationOwnedByAdmin()) {
                problems.add(PUBLICATION_OWNER, settings.publication().quoted(), "publication " + settings.publication().quoted() + " is owned by " + own.publicationOwner()
                        + ", not by the admin role '" + snapshot.server().adminUser() + "', and was not created by"
                        + " this tool (a comment saying so proves nothing): its owner could change what Exoquic"
                        + " receives. Choose another EXOQUIC_PUBLICATION_NAME, or "
                        + (own.publicationOwnedByAdmin() ? "pass --adopt to take it over (its owner becomes the admin)"
                        : "have a superuser run migrate with --adopt to take it over"), null);
            }
        } else if (!settings.adopt() && !sameDefinition(settings, snapshot)) {
            problems.add(PUBLICATION_FOREIGN, settings.publication().quoted(), "publication " + settings.publication().quoted() + " already exists (owner "
                    + own.publicationOwner() + ", " + (publication.allTables() ? "FOR ALL TABLES"
                    : "publishing " + first(own.publicationTables())) + ") and was not created by this tool; migrate"
                    + " would change what it publishes. Choose another EXOQUIC_PUBLICATION_NAME, or pass --adopt to"
                    + " let migrate take it over", null);
        }
    }

    /**
     * The exoquic schema holds the tool's history and the code it runs as the admin (the status view, the DDL guard):
     * it is used only when the admin owns it and everything in it. Another role's schema is taken over only with
     * --adopt (its owner becomes the admin, others' privileges on it are revoked); another role's objects in it are
     * never used, nor removed: their owner (or a superuser) drops them or moves them out.
     */
    private static void schema(Settings settings, Ownership own, boolean ranHere, Findings problems) {
        if (!own.schemaExists()) {
            return;
        }
        if (!own.untrustedSchemaObjects().isEmpty()) {
            problems.add(SCHEMA_UNTRUSTED_OBJECTS, "exoquic", "the schema exoquic holds objects that roles other"
                    + " than the admin own (" + first(own.untrustedSchemaObjects()) + "); the tool runs what is in"
                    + " that schema as the admin, so it uses none of it, even with --adopt. Have their owner or a"
                    + " superuser drop them or move them to another schema (ALTER ... SET SCHEMA), then run migrate"
                    + " again", null);
        }
        if (!own.schemaTrusted()) {
            if (!settings.adopt()) {
                problems.add(SCHEMA_FOREIGN, "exoquic", "the schema exoquic already exists, owned by " + own.schemaOwner()
                        + ", not by the admin, so it is not this tool's (a comment saying so proves nothing): drop"
                        + " it, or pass --adopt (EXOQUIC_ADOPT=true) to take it over (its owner becomes the admin,"
                        + " and other roles lose their privileges on it)", null);
            } else if (!own.foreignSchemaObjects().isEmpty() && own.untrustedSchemaObjects().isEmpty()) {
                problems.add(SCHEMA_FOREIGN, "exoquic", "the schema exoquic (owner " + own.schemaOwner() + ") holds"
                        + " objects this tool did not create (" + first(own.foreignSchemaObjects()) + "); the tool"
                        + " keeps its migration history there and cannot share it: move those objects, then run"
                        + " migrate --adopt again", null);
            }
        } else if (!ranHere) {
            if (!own.foreignSchemaObjects().isEmpty()) {
                problems.add(SCHEMA_FOREIGN, "exoquic", "the schema exoquic already exists (owner " + own.schemaOwner() + ") and holds objects"
                        + " this tool did not create (" + first(own.foreignSchemaObjects()) + "); the tool keeps its"
                        + " migration history there and cannot share it: rename that schema (ALTER SCHEMA exoquic"
                        + " RENAME TO ...) or move those objects, then run migrate again", null);
            } else if (!own.schemaMarked() && !settings.adopt()) {
                problems.add(SCHEMA_FOREIGN, "exoquic", "the schema exoquic already exists (owner " + own.schemaOwner() + ", empty) but was not"
                        + " created by this tool: drop it, or pass --adopt (EXOQUIC_ADOPT=true) to keep the"
                        + " migration history there", null);
            }
        }
    }

    /** An existing publication that already publishes what migrate would make it publish can simply be used. */
    private static boolean sameDefinition(Settings settings, Snapshot snapshot) {
        if (snapshot.publication().allTables() || settings.capture().isAllTables()) {
            return snapshot.publication().allTables() && settings.capture().isAllTables();
        }
        Set<String> wanted = new TreeSet<>();
        settings.capture().tables().forEach(table -> wanted.add(table.schema().name() + "." + table.table().name()));
        snapshot.wildcardTables().forEach(table -> wanted.add(table.schema().name() + "." + table.table().name()));
        return wanted.equals(new TreeSet<>(snapshot.ownership().publicationTables()));
    }

    private static String names(List<TableName> tables) {
        return first(tables.stream().map(TableName::quoted).toList());
    }

    /** The first entries, and how many more, so a message stays readable whatever the catalog holds. */
    private static String first(List<String> entries) {
        return Excerpt.of(entries).joined();
    }

    /**
     * A role of the configured name with more than LOGIN REPLICATION is refused when the tool did not make it. The
     * tool's own role (its history exists) that was given more since is repaired by migrate (DriftCheck), which
     * needs a superuser for attributes and memberships; the admin that is no superuser is told what to run.
     */
    private static void role(Settings settings, Snapshot snapshot, Findings problems) {
        RoleState role = snapshot.role();
        List<String> extra = role.exists() ? role.extraRights(snapshot.provider().replicationGrantRole()) : List.of();
        boolean ranHere = snapshot.history() != null;
        if (!extra.isEmpty() && !ranHere) {
            problems.add(ROLE_EXTRA_RIGHTS, settings.replicationUser().quoted(), "the replication user " + settings.replicationUser().quoted() + " already exists with "
                    + String.join(", ", extra) + "; Exoquic needs a role with only LOGIN REPLICATION."
                    + " Choose another EXOQUIC_REPLICATION_USER, or remove those rights yourself", null);
        } else if (!extra.isEmpty() && !snapshot.server().adminSuperuser()) {
            problems.add(ROLE_EXTRA_RIGHTS, settings.replicationUser().quoted(), "the replication user " + settings.replicationUser().quoted() + " was given "
                    + String.join(", ", extra) + " since migrate made it; Exoquic needs only LOGIN REPLICATION, and"
                    + " only a superuser may take those back: have one run migrate, or remove them", null);
        }
        // Privileges on objects the admin does not own: REVOKE would only warn, and the next run find them again.
        List<String> unrepairable = snapshot.drift().of(ROLE_PRIVILEGE, ROLE_STALE_GRANT).stream()
                .filter(difference -> !difference.repairable()).map(Drift.Difference::detail).toList();
        if (!unrepairable.isEmpty()) {
            problems.add(ROLE_EXTRA_PRIVILEGES, settings.replicationUser().quoted(), "the replication user " + settings.replicationUser().quoted()
                    + " holds privileges beyond SELECT on the captured tables that the admin role '"
                    + snapshot.server().adminUser() + "' may not revoke: " + first(unrepairable) + ". Have the"
                    + " objects' owner or a superuser revoke them (or run migrate as a superuser)", null);
        }
    }

    private static void slot(Settings settings, Snapshot snapshot, Findings problems) {
        SlotState slot = snapshot.slot();
        if (slot == null) {
            return;
        }
        String name = settings.slot().name();
        if (slot.temporary()) {
            String end = "SELECT pg_catalog.pg_terminate_backend(" + slot.activePid() + ")";
            problems.add(SLOT_TEMPORARY, "'" + name + "'", "slot '" + name + "' is a temporary slot of another"
                    + " session (pid " + slot.activePid() + "), which PostgreSQL drops when that session ends: no"
                    + " consumer can rely on it. It was not touched: end that session (" + end + ") and run migrate"
                    + " again, or choose another EXOQUIC_SLOT_NAME", end);
        } else if (!"logical".equals(slot.slotType()) || !"pgoutput".equals(slot.plugin())) {
            problems.add(SLOT_CONFLICT, "'" + name + "'", "slot '" + name + "' already exists as a " + slot.slotType() + " slot with plugin "
                    + slot.plugin() + "; Exoquic needs a logical pgoutput slot. It was not touched: choose another"
                    + " EXOQUIC_SLOT_NAME, or drop it yourself if nothing uses it", null);
        } else if (!snapshot.server().database().equals(slot.database())) {
            problems.add(SLOT_CONFLICT, "'" + name + "'", "slot '" + name + "' already exists for database '" + slot.database() + "', not '"
                    + snapshot.server().database() + "'. It was not touched: choose another EXOQUIC_SLOT_NAME", null);
        } else if (slot.invalidated() && !settings.recreateLostSlot()) {
            problems.add(SLOT_LOST, "'" + name + "'", "slot '" + name + "' can no longer serve: PostgreSQL"
                    + " invalidated it (" + slot.invalidationCause() + "), so the changes between its last confirmed"
                    + " position (" + slot.confirmedFlushLsn() + ") and now (" + slot.currentLsn() + ") are gone for"
                    + " its consumer. Recreate it with --recreate-lost-slot (EXOQUIC_RECREATE_LOST_SLOT=true), then"
                    + " resynchronise the consumer from a new initial copy", null);
        } else if (slot.invalidated() && slot.active()) {
            problems.add(SLOT_LOST_ACTIVE, "'" + name + "'", "slot '" + name + "' is invalidated ("
                    + slot.invalidationCode() + ") but session pid " + slot.activePid() + " still holds it, so it"
                    + " cannot be recreated now: stop that consumer, then run migrate again", null);
        }
    }

    /**
     * Someone else's publication that publishes less is left alone; the tool's own is repaired (DriftCheck), and
     * one taken over with --adopt is made to publish every row change.
     */
    private static void publication(Settings settings, Snapshot snapshot, Findings problems) {
        PublicationState publication = snapshot.publication();
        if (publication != null && !publication.publishesAllRowChanges() && snapshot.history() == null
                && !settings.adopt()) {
            problems.add(PUBLICATION_OPERATIONS, settings.publication().quoted(), "publication " + settings.publication().quoted() + " already exists and publishes only '"
                    + publication.publishes() + "'; Exoquic needs inserts, updates and deletes. It was not touched:"
                    + " run ALTER PUBLICATION " + settings.publication().quoted()
                    + " SET (publish = 'insert, update, delete, truncate') if nothing else relies on it,"
                    + " or choose another EXOQUIC_PUBLICATION_NAME", "ALTER PUBLICATION " + settings.publication().quoted() + " SET (publish = 'insert, update, delete, truncate')");
        }
    }

    private static void privileges(Settings settings, Snapshot snapshot, Findings problems) {
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
            problems.add(NEEDS_SUPERUSER, Identifier.of(snapshot.server().adminUser()).quoted(), "the admin role '" + snapshot.server().adminUser() + "' is not a superuser, so these steps"
                    + " cannot run; have a superuser run them, then run migrate again: " + String.join(" ", needs), String.join(" ", needs));
        }
    }
}
