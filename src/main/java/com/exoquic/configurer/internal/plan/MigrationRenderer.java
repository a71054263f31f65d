package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.internal.config.CaptureSet;
import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.config.TableName;
import com.exoquic.configurer.internal.postgres.HistoryRow;
import com.exoquic.configurer.internal.postgres.KeylessTable;
import com.exoquic.configurer.internal.postgres.Snapshot;
import com.exoquic.configurer.internal.sql.Sql;
import com.exoquic.configurer.internal.template.CaptureModel;
import com.exoquic.configurer.internal.template.SqlModel;
import com.exoquic.configurer.internal.template.SqlTemplates;
import com.exoquic.configurer.internal.text.Sha256;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders the migrations of {@code sql-templates/} for this configuration and catalog, in the order Flyway
 * applies them (versioned first, then repeatables by description).
 */
public final class MigrationRenderer {
    /** Template name, then Flyway description. */
    private static final List<String[]> MIGRATIONS = List.of(
            new String[] {"V1__exoquic_schema", "exoquic schema"},
            new String[] {"R__1_replication_role", "1 replication role"},
            new String[] {"R__2_grants", "2 grants"},
            new String[] {"R__3_publication", "3 publication"},
            new String[] {"R__4_replica_identity", "4 replica identity"},
            new String[] {"R__5_status_view", "5 status view"},
            new String[] {"R__6_ddl_guard", "6 ddl guard"});

    private final SqlTemplates templates;
    private final MigrationExecutor executor;

    public MigrationRenderer(SqlTemplates templates, MigrationExecutor executor) {
        this.templates = templates;
        this.executor = executor;
    }

    /** The migrations for this configuration and catalog, each knowing from the history whether Flyway will apply it. */
    public List<MigrationStep> render(Settings settings, Snapshot snapshot) {
        Map<String, Object> model = model(settings, snapshot);
        History history = new History(snapshot.history() != null,
                snapshot.history() == null ? List.of() : snapshot.history(), adopted(snapshot));
        DriftCheck drift = new DriftCheck(settings, snapshot);
        List<MigrationStep> migrations = new ArrayList<>();
        for (String[] migration : MIGRATIONS) {
            String name = migration[0];
            String version = name.startsWith("V") ? name.substring(1, name.indexOf("__")) : null;
            boolean publication = name.equals("R__3_publication");
            String warning = publication ? publicationWarning(settings, snapshot)
                    : rightsTakenBack(drift.rightsTakenBack(name + ".sql"));
            migrations.add(new MigrationStep(version, migration[1], name, templates.render(name, model), executor,
                    history, warning, publication && EmptyCapture.of(settings.capture(), snapshot) ? EmptyCapture.NOTE
                    : null));
        }
        return migrations;
    }

    /** Least privilege: what the role migrations take back from an existing replication role is reported. */
    private static String rightsTakenBack(List<String> rights) {
        return rights.isEmpty() ? null : "the replication role held more than least privilege allows, taken back: "
                + first(rights);
    }

    /** The first 20 entries, and how many more, so a report line stays readable whatever the catalog holds. */
    static String first(List<String> entries) {
        int shown = Math.min(20, entries.size());
        return String.join("; ", entries.subList(0, shown))
                + (entries.size() > shown ? " and " + (entries.size() - shown) + " more" : "");
    }

    /** The exported set's rows, under the descriptions migrate gives its migrations. */
    private static List<HistoryRow> adopted(Snapshot snapshot) {
        List<HistoryRow> rows = new ArrayList<>();
        for (HistoryRow row : snapshot.adoptedHistory()) {
            String description = DropIn.description(row.description());
            if (description != null) {
                rows.add(new HistoryRow(null, description, row.checksum(), row.success()));
            }
        }
        return rows;
    }

    /** Renders one more template of {@code sql-templates/} with the model the migrations get. */
    String renderOne(String template, Settings settings, Snapshot snapshot) {
        return templates.render(template, model(settings, snapshot));
    }

    /** Switching between all tables and a list cannot be done in place: the publication is dropped and created. */
    private static String publicationWarning(Settings settings, Snapshot snapshot) {
        var existing = snapshot.publication();
        if (existing == null || existing.allTables() == settings.capture().isAllTables()) {
            return null;
        }
        return "PUBLICATION " + settings.publication().quoted() + " WAS DROPPED AND CREATED AGAIN: switching between"
                + " all tables and a table list cannot be done in place. A consumer reading the slot must restart"
                + " its stream.";
    }

    /** The model every migration template is rendered with (package-private for the template tests). */
    static Map<String, Object> model(Settings settings, Snapshot snapshot) {
        CaptureSet capture = effectiveCapture(settings.capture(), snapshot);
        Map<String, Object> model = CaptureModel.of(capture);
        // No table, which an empty list would mean all tables: a publication of no table, no grant.
        boolean nothing = EmptyCapture.publishesNoTable(settings.capture(), snapshot);
        model.put("captureNothing", nothing);
        if (nothing) {
            model.put("allTables", false);
        }
        model.put("role", SqlModel.name(settings.replicationUser()));
        // Where the admin is no superuser, a provider's role (rds_replication) stands for the REPLICATION attribute.
        String grantRole = snapshot.server().adminSuperuser() ? null : snapshot.provider().replicationGrantRole();
        model.put("replicationAttribute", grantRole == null);
        model.put("replicationGrant", grantRole == null ? null : Sql.identifier(grantRole));
        model.put("replicationGrantLiteral", grantRole == null ? null : Sql.literal(grantRole));
        model.put("publication", SqlModel.name(settings.publication()));
        model.put("slot", SqlModel.name(settings.slot()));
        // Comments carry counts and digests only: a name in a comment could end it (a table name may hold \r).
        model.put("captureCount", Sql.number(capture.tables().size()));
        model.put("captureSchemaCount", Sql.number(capture.schemas().size()));
        model.put("publicationTargets", publicationTargets(capture));
        List<Identifier> userSchemas = snapshot.userSchemas();
        model.put("userSchemas", SqlModel.identifiers(userSchemas));
        model.put("hasUserSchemas", !userSchemas.isEmpty());
        model.put("keylessCount", Sql.number(snapshot.keylessTables().size()));
        model.put("userSchemaCount", Sql.number(userSchemas.size()));
        model.put("fingerprint", fingerprint(snapshot));
        model.put("walStatus", snapshot.server().majorVersion() >= 13);
        model.put("slotInvalidation", snapshot.server().majorVersion() >= 17);
        // Always from 13 on: harmless for plain tables, and a partitioned table created later is covered too.
        // Creating an event trigger needs a superuser.
        model.put("ddlGuard", settings.ddlGuard() && snapshot.server().adminSuperuser());
        model.put("schemaPublications", snapshot.server().majorVersion() >= 15);
        // The status view judges drift itself (drift_findings), reading the captured tables by name: a view that
        // cast them to regclass would depend on them, and the application could no longer drop one.
        Map<String, Object> statusCapture = CaptureModel.lenient(capture);
        statusCapture.put("statusView", true);
        model.put("statusCapture", statusCapture);
        model.put("viaRoot", snapshot.server().majorVersion() >= 13);
        return model;
    }

    /**
     * Before PostgreSQL 15 a publication cannot name a schema: {@code schema.*} becomes its current tables (none: see
     * {@link EmptyCapture#publishesNoTable}).
     */
    static CaptureSet effectiveCapture(CaptureSet capture, Snapshot snapshot) {
        if (capture.schemas().isEmpty() || snapshot.server().majorVersion() >= 15) {
            return capture;
        }
        TreeSet<TableName> tables = new TreeSet<>(capture.tables());
        tables.addAll(snapshot.wildcardTables());
        return new CaptureSet(new ArrayList<>(tables), List.of());
    }

    /** {@code TABLE "s"."a", "s"."b", TABLES IN SCHEMA "c"}. */
    private static Sql publicationTargets(CaptureSet capture) {
        List<Sql> targets = new ArrayList<>();
        if (!capture.tables().isEmpty()) {
            targets.add(Sql.sequence(Sql.keyword(Sql.Keyword.TABLE), SqlModel.tables(capture.tables())));
        }
        if (!capture.schemas().isEmpty()) {
            targets.add(Sql.sequence(Sql.keyword(Sql.Keyword.TABLES_IN_SCHEMA), SqlModel.identifiers(capture.schemas())));
        }
        return Sql.list(targets);
    }

    /**
     * Catalog state that desired state follows: the captured tables without a primary key, and the user
     * schemas. When it changes (a new keyless table, a new schema), the checksum changes and the
     * repeatable migrations run again.
     */
    private static Sql fingerprint(Snapshot snapshot) {
        StringBuilder text = new StringBuilder();
        snapshot.keylessTables().stream().map(KeylessTable::name).forEach(t -> text.append(t.quoted()).append('\n'));
        snapshot.userSchemas().forEach(s -> text.append(s.quoted()).append('\n'));
        return Sql.hex(Arrays.copyOf(Sha256.of(text.toString()), 8));
    }
}
