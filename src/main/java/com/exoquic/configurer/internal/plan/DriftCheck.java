package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.internal.config.CaptureSet;
import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.postgres.PublicationState;
import com.exoquic.configurer.internal.postgres.RoleState;
import com.exoquic.configurer.internal.postgres.Snapshot;

import java.util.Set;
import java.util.TreeSet;

/** Says, per migration, what the catalog lacks of what that migration establishes; null when nothing. */
final class DriftCheck {
    private final Settings settings;
    private final Snapshot snapshot;

    DriftCheck(Settings settings, Snapshot snapshot) {
        this.settings = settings;
        this.snapshot = snapshot;
    }

    String of(String migrationFile) {
        return switch (migrationFile) {
            case "R__1_replication_role.sql" -> role();
            case "R__2_grants.sql" -> snapshot.drift().grantsMissing()
                    ? "a captured table or its schema is not readable by the replication role" : null;
            case "R__3_publication.sql" -> publication();
            case "R__5_status_view.sql" -> snapshot.drift().statusViewMissing() ? "the status view is missing" : null;
            default -> null;
        };
    }

    private String role() {
        RoleState role = snapshot.role();
        boolean attribute = snapshot.server().adminSuperuser() || snapshot.provider().replicationGrantRole() == null;
        if (!role.exists()) {
            return "the replication role is missing";
        }
        if (!role.login() || (attribute && !role.replication())) {
            return "the replication role lacks LOGIN or REPLICATION";
        }
        return null;
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
