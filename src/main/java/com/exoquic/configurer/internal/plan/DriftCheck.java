package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.internal.config.CaptureSet;
import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.postgres.Drift;
import com.exoquic.configurer.internal.postgres.PublicationState;
import com.exoquic.configurer.internal.postgres.RoleState;
import com.exoquic.configurer.internal.postgres.Snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static com.exoquic.configurer.internal.postgres.FindingCode.GRANTS_MISSING;
import static com.exoquic.configurer.internal.postgres.FindingCode.GUARD;
import static com.exoquic.configurer.internal.postgres.FindingCode.PUBLICATION_OPERATIONS;
import static com.exoquic.configurer.internal.postgres.FindingCode.PUBLICATION_OWNER;
import static com.exoquic.configurer.internal.postgres.FindingCode.PUBLICATION_VIA_ROOT;
import static com.exoquic.configurer.internal.postgres.FindingCode.ROLE_LOGIN;
import static com.exoquic.configurer.internal.postgres.FindingCode.ROLE_PRIVILEGE;
import static com.exoquic.configurer.internal.postgres.FindingCode.ROLE_STALE_GRANT;
import static com.exoquic.configurer.internal.postgres.FindingCode.SCHEMA_PRIVILEGE;
import static com.exoquic.configurer.internal.postgres.FindingCode.STATUS_VIEW_MISSING;

/**
 * Says, per migration, what the catalog lacks of what that migration establishes, or holds beyond it; null when
 * nothing. Each difference drift_findings.sql reports has a code, and each code belongs to the migration that
 * repairs it.
 */
final class DriftCheck {
    private final Settings settings;
    private final Snapshot snapshot;

    DriftCheck(Settings settings, Snapshot snapshot) {
        this.settings = settings;
        this.snapshot = snapshot;
    }

    /**
     * What a repair of the migration restores. {@code reasons} are in the tool's own words (they go into the
     * dry-run's comments); {@code details} name the catalog objects, for the report only.
     */
    record Repair(List<String> reasons, List<String> details) {
        String reason() {
            return String.join("; ", reasons);
        }
    }

    Repair of(String migrationFile) {
        List<String> reasons = new ArrayList<>();
        List<String> details = new ArrayList<>();
        switch (migrationFile) {
            case "R__1_replication_role.sql" -> role(reasons, details);
            case "R__2_grants.sql" -> {
                add(reasons, details, "a captured table or its schema is not readable by the replication role",
                        snapshot.drift().of(GRANTS_MISSING));
                List<Drift.Difference> extra = repairable(snapshot.drift().of(ROLE_PRIVILEGE, ROLE_STALE_GRANT));
                if (!extra.isEmpty()) {
                    reasons.add("the replication role holds privileges beyond SELECT on the captured tables");
                    extra.forEach(difference -> details.add("taken from the replication role: " + difference.detail()));
                }
            }
            case "R__3_publication.sql" -> {
                String publication = publication();
                if (publication != null) {
                    reasons.add(publication);
                }
                add(reasons, details, "the publication does not publish every row change",
                        snapshot.drift().of(PUBLICATION_OPERATIONS));
                add(reasons, details, "the publication does not publish partitions through their root",
                        snapshot.drift().of(PUBLICATION_VIA_ROOT));
                add(reasons, details, "the publication is owned by another role",
                        repairable(snapshot.drift().of(PUBLICATION_OWNER)));
            }
            case "R__5_status_view.sql" -> {
                add(reasons, details, "the status view is missing", snapshot.drift().of(STATUS_VIEW_MISSING));
                add(reasons, details, "other roles may create objects in the exoquic schema",
                        snapshot.drift().of(SCHEMA_PRIVILEGE));
            }
            case "R__6_ddl_guard.sql" -> {
                if (settings.ddlGuard() && snapshot.server().adminSuperuser()) {
                    add(reasons, details, "the DDL guard was disabled, dropped or changed", snapshot.drift().of(GUARD));
                }
            }
            default -> {
            }
        }
        return reasons.isEmpty() ? null : new Repair(reasons, details);
    }

    /**
     * What the role migrations take back from the replication role when they run anyway (the first run, a changed
     * configuration), for the report: what the tool never grants. A grant that a change of TABLES_TO_CAPTURE left
     * behind is simply revoked.
     */
    List<String> rightsTakenBack(String migrationFile) {
        return switch (migrationFile) {
            case "R__1_replication_role.sql" -> {
                List<String> taken = new ArrayList<>(extraRights());
                snapshot.drift().of(ROLE_LOGIN).forEach(difference -> taken.add(difference.detail()));
                yield taken;
            }
            case "R__2_grants.sql" -> repairable(snapshot.drift().of(ROLE_PRIVILEGE)).stream()
                    .map(Drift.Difference::detail).toList();
            default -> List.of();
        };
    }

    private static void add(List<String> reasons, List<String> details, String reason, List<Drift.Difference> found) {
        if (!found.isEmpty()) {
            reasons.add(reason);
            found.forEach(difference -> details.add(difference.detail()));
        }
    }

    private static List<Drift.Difference> repairable(List<Drift.Difference> differences) {
        return differences.stream().filter(Drift.Difference::repairable).toList();
    }

    private void role(List<String> reasons, List<String> details) {
        RoleState role = snapshot.role();
        boolean attribute = snapshot.server().adminSuperuser() || snapshot.provider().replicationGrantRole() == null;
        if (!role.exists()) {
            reasons.add("the replication role is missing");
            return;
        }
        if (!role.login() || (attribute && !role.replication())) {
            reasons.add("the replication role lacks LOGIN or REPLICATION");
        }
        List<String> extra = extraRights();
        if (!extra.isEmpty()) {
            reasons.add("the replication role holds rights beyond LOGIN REPLICATION");
            extra.forEach(right -> details.add("taken from the replication role: " + right));
        }
        add(reasons, details, "the replication role cannot log in", snapshot.drift().of(ROLE_LOGIN));
    }

    /** Attributes and memberships beyond LOGIN REPLICATION; only a superuser takes them back (else preflight says so). */
    private List<String> extraRights() {
        RoleState role = snapshot.role();
        if (!role.exists() || !snapshot.server().adminSuperuser()) {
            return List.of();
        }
        return role.extraRights(snapshot.provider().replicationGrantRole());
    }

    private String publication() {
        PublicationState publication = snapshot.publication();
        CaptureSet capture = MigrationRenderer.effectiveCapture(settings.capture(), snapshot);
        if (publication == null) {
            return "the publication is missing";
        }
        if (EmptyCapture.publishesNoTable(settings.capture(), snapshot)) {
            return publication.allTables() || !snapshot.drift().publicationTables().isEmpty()
                    ? "the publication publishes tables though none is captured" : null;
        }
        if (publication.allTables() != capture.isAllTables()) {
            return "the publication's FOR ALL TABLES differs";
        }
        if (capture.isAllTables()) {
            return null;
        }
        Set<String> tables = new TreeSet<>();
        capture.tables().forEach(table -> tables.add(table.schema().name() + "." + table.table().name()));
        Set<String> schemas = new TreeSet<>(capture.schemas().stream().map(Identifier::name).toList());
        boolean same = tables.equals(new TreeSet<>(snapshot.drift().publicationTables()))
                && schemas.equals(new TreeSet<>(snapshot.drift().publicationSchemas()));
        return same ? null : "the publication's tables differ from the captured ones";
    }
}
