package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.config.CaptureSet;
import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.config.TableName;
import com.exoquic.configurer.internal.sql.Sql;
import com.exoquic.configurer.internal.template.CaptureModel;
import com.exoquic.configurer.internal.template.SqlModel;
import com.exoquic.configurer.internal.template.SqlTemplates;
import com.exoquic.configurer.internal.text.Sha256;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the catalog. {@link #inspect} reads everything planning needs in one statement (one round trip, see
 * {@link CatalogRead}), whatever the number of tables; the other methods read the parts a step checks again after
 * it changed the server.
 */
public final class Inspector {
    /** The name the catalog state's row has in the read, for the guards of the parts it lets a run skip. */
    private static final String STATE = "state";
    private static final String CHANGED = "NOT " + STATE + ".unchanged";
    private static final String UNCHANGED = STATE + ".unchanged";
    private final SqlTemplates templates;

    public Inspector(SqlTemplates templates) {
        this.templates = templates;
    }

    /**
     * Everything planning needs, in one round trip. The checks whose cost grows with the number of tables (the
     * grants and privileges of every relation, the capture risks, the search for other Flyway histories) run only
     * when the catalog's fingerprint differs from the one recorded when a run last found nothing to do.
     */
    public Snapshot inspect(Connection connection, Settings settings) throws SQLException {
        CaptureSet capture = settings.capture();
        Map<String, Object> model = model(settings);
        String superuser = guard("admin_superuser");
        String tableDriftQuery = templates.render("inspect_table_drift", model);
        String risksQuery = templates.render("inspect_capture_risks", model);
        String exportedQuery = templates.render("inspect_exported_rows", model);
        String digest = digest(tableDriftQuery, risksQuery, exportedQuery);
        Map<String, Object> recorded = new HashMap<>(model);
        recorded.put("recordedHistories", true);
        CatalogRead read = new CatalogRead();
        int state = read.addRow(STATE, templates.render("inspect_catalog_state", Map.of("digest", Sql.literal(digest))),
                "fingerprint", "recordable", "unchanged");
        int server = read.add(templates.render("inspect_server", serverModel()));
        int parameters = read.add(templates.render("inspect_parameters", serverModel()));
        int fileParameters = read.addIf(superuser, templates.render("inspect_file_parameters", serverModel()));
        int role = read.add(templates.render("inspect_role", model));
        int publication = read.add(templates.render("inspect_publication", model));
        int slot = read.add(templates.render("inspect_slot", model));
        int listed = read.addColumns(templates.render("inspect_listed_tables", model),
                "schema", "name", "schema_exists", "relkind", "relpersistence", "same_but_case");
        int missingSchemas = read.add(templates.render("inspect_missing_schemas", model));
        int userSchemas = read.add(templates.render("inspect_user_schemas", Map.of()));
        int wildcard = read.addColumns(templates.render("inspect_wildcard_tables", model), "nspname", "relname");
        int keyless = read.addColumns(templates.render("inspect_tables_without_key", model),
                "nspname", "relname", "relreplident", "has_candidate_key");
        // The history is read, and trusted, only where the admin owns it and, on a standby, only when it is logged
        // (history_trusted).
        int history = read.addIf(guard("history_trusted"), templates.render("inspect_history", Map.of()));
        int ownership = read.add(templates.render("inspect_ownership", model));
        int risks = read.addIf(CHANGED, risksQuery);
        int drift = read.add(templates.render("inspect_drift", model));
        int tableDrift = read.addIf(CHANGED, tableDriftQuery);
        int members = read.add(templates.render("inspect_publication_members", model));
        int schemas = read.addIf(guard("version_15"), templates.render("inspect_publication_schemas", model));
        int exported = read.addIf(CHANGED, exportedQuery);
        int exportedRecorded = read.addIf(UNCHANGED, templates.render("inspect_exported_rows", recorded));
        int password = read.addIf(superuser, templates.render("inspect_stored_password", model));
        int historyLogged = read.add(templates.render("inspect_history_logged", Map.of()));
        int session = read.add(templates.render("inspect_session", Map.of()));
        int serverSlots = read.add(templates.render("inspect_server_slots", Map.of()));
        int walSenders = read.add(templates.render("inspect_wal_senders", Map.of()));
        CatalogRead.Result result = read.run(connection);

        ServerState serverState = server(result.row(server), result.rows(parameters));
        List<ListedTable> listedTables = capture.tables().isEmpty() ? List.of() : listed(result.rows(listed));
        List<Identifier> missing = capture.schemas().isEmpty() ? List.of()
                : identifiers(result.rows(missingSchemas), "nspname");
        // With a listed name that is no table, the captured set is not what the user means: preflight refuses,
        // and nothing is read about the tables.
        boolean resolvable = listedTables.stream().allMatch(ListedTable::isTable) && missing.isEmpty();
        RoleState roleState = role(result.row(role));
        List<CatalogRow> exportedRows = result.rows(exported) != null ? result.rows(exported)
                : result.rows(exportedRecorded);
        return new Snapshot(serverState,
                roleState,
                publication(result.row(publication)),
                slot(result.row(slot)),
                listedTables, missing,
                identifiers(result.rows(userSchemas), "nspname"),
                capture.schemas().isEmpty() ? List.of() : tableNames(result.rows(wildcard)),
                resolvable ? keyless(result.rows(keyless)) : List.of(),
                serverState.adminSuperuser() ? configured(result.rows(fileParameters)) : Map.of(),
                Provider.detect(serverState.providerMarkers(), settings.connection().host()),
                history(result.rows(history)),
                ownership(result.row(ownership)),
                resolvable ? risks(result.rows(risks)) : CaptureRisks.none(),
                drift(result.rows(drift), result.rows(tableDrift), result.rows(members), result.rows(schemas),
                        resolvable),
                exported(exportedRows),
                storedPassword(result.rows(password)),
                result.row(historyLogged) == null ? null : result.row(historyLogged).bool("logged"),
                session(result.row(session)),
                serverSlots(result.rows(serverSlots), result.row(walSenders)),
                catalogState(result.row(state), digest, exportedRows));
    }

    /**
     * Records the fingerprint of a full read that found nothing to do, so the next run can skip the checks that grow
     * with the number of tables while the catalog stays as it is. One row in an unlogged table of the tool's.
     */
    public void record(Connection connection, CatalogState state) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(templates.render("record_catalog_state", Map.of()))) {
            statement.setString(1, state.fingerprint());
            statement.setString(2, state.digest());
            statement.setArray(3, connection.createArrayOf("int8", state.histories().toArray(Long[]::new)));
            statement.executeUpdate();
        }
        if (!connection.getAutoCommit()) { // an application's pooled connection: the row must outlive the borrow
            connection.commit();
        }
    }

    public ServerState server(Connection connection) throws SQLException {
        CatalogRead read = new CatalogRead();
        int server = read.add(templates.render("inspect_server", serverModel()));
        int parameters = read.add(templates.render("inspect_parameters", serverModel()));
        CatalogRead.Result result = read.run(connection);
        return server(result.row(server), result.rows(parameters));
    }

    /**
     * The keyless tables a plan found, each with its replica identity as the catalog holds it now (after the run's
     * steps); a table dropped since is left out. Looked up by name, so the report after a run does not read the
     * catalog a second time.
     */
    public List<KeylessTable> identities(Connection connection, List<KeylessTable> planned) throws SQLException {
        if (planned.isEmpty()) {
            return List.of();
        }
        String[] schemas = planned.stream().map(table -> table.name().schema().name()).toArray(String[]::new);
        String[] names = planned.stream().map(table -> table.name().table().name()).toArray(String[]::new);
        Map<TableName, String> now = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(templates.render("inspect_identities", Map.of()))) {
            statement.setArray(1, connection.createArrayOf("text", schemas));
            statement.setArray(2, connection.createArrayOf("text", names));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    now.put(TableName.of(rows.getString("schema_name"), rows.getString("table_name")),
                            rows.getString("identity"));
                }
            }
        }
        return planned.stream().filter(table -> now.containsKey(table.name()))
                .map(table -> new KeylessTable(table.name(), now.get(table.name()), table.hasCandidateKey())).toList();
    }

    private static Map<String, Object> model(Settings settings) {
        Map<String, Object> model = new HashMap<>(CaptureModel.lenient(settings.capture()));
        model.put("role", SqlModel.name(settings.replicationUser()));
        model.put("publication", SqlModel.name(settings.publication()));
        model.put("slot", SqlModel.name(settings.slot()));
        // Whether the guard is expected also depends on the admin being a superuser: DriftCheck decides.
        model.put("ddlGuard", settings.ddlGuard());
        return model;
    }

    /** The names inspect_server and the parameter reads ask for: the tool's own, as literals. */
    public static Map<String, Object> serverModel() {
        return Map.of("providerRoles", Provider.markerRoles(), "providerParameters", Provider.markerParameters(),
                "parameterNames", ManagedParameter.sqlNames());
    }

    /** A template that is one boolean expression, for {@link CatalogRead#addIf}. */
    private String guard(String name) {
        return templates.render(name, Map.of()).strip();
    }

    private static ServerState server(CatalogRow row, List<CatalogRow> parameterRows) {
        Map<String, ServerParameter> parameters = new LinkedHashMap<>();
        for (CatalogRow parameter : parameterRows) {
            parameters.put(parameter.text("name"), new ServerParameter(parameter.text("name"), parameter.text("setting"),
                    parameter.bool("pending_restart")));
        }
        return new ServerState(row.integer("version_num"), row.text("version"), row.bool("in_recovery"),
                row.text("admin_user"), row.text("database"), row.bool("admin_superuser"),
                row.bool("alter_system_allowed"), row.bool("may_grant_replication"),
                Set.copyOf(row.texts("provider_markers")), Map.copyOf(parameters));
    }

    private static Map<String, String> configured(List<CatalogRow> rows) {
        Map<String, String> configured = new LinkedHashMap<>();
        for (CatalogRow row : rows) {
            configured.put(row.text("name"), row.text("setting"));
        }
        return configured;
    }

    private static RoleState role(CatalogRow row) {
        if (row == null) {
            return RoleState.missing();
        }
        return new RoleState(true, row.bool("rolsuper"), row.bool("rolcreatedb"), row.bool("rolcreaterole"),
                row.bool("rolbypassrls"), row.bool("rolreplication"), row.bool("rolcanlogin"), row.texts("member_of"));
    }

    private static PublicationState publication(CatalogRow row) {
        return row == null ? null : new PublicationState(row.number("oid"), row.bool("puballtables"),
                row.integer("table_count"), row.text("publishes"));
    }

    private static SlotState slot(CatalogRow row) {
        return row == null ? null : new SlotState(row.text("plugin"), row.text("slot_type"), row.text("database"),
                row.bool("active"), row.integer("active_pid"), row.number("retained_bytes"), row.bool("failover"),
                row.bool("temporary"), row.text("wal_status"), row.number("safe_wal_size"),
                row.text("invalidation_reason"), row.text("inactive_since"), row.text("confirmed_flush_lsn"),
                row.text("current_lsn"));
    }

    private static ServerSlots serverSlots(List<CatalogRow> rows, CatalogRow senders) {
        return new ServerSlots(rows.stream().map(row -> new ServerSlots.Slot(row.text("slot_name"), row.text("database"),
                row.text("slot_type"), row.number("retained_bytes"), row.number("inactive_seconds"))).toList(),
                senders.integer("wal_senders"));
    }

    private static List<ListedTable> listed(List<CatalogRow> rows) {
        return rows.stream().map(row -> new ListedTable(TableName.of(row.text("schema"), row.text("name")),
                row.bool("schema_exists"), row.text("relkind"), row.text("relpersistence"), row.text("same_but_case")))
                .toList();
    }

    private static List<KeylessTable> keyless(List<CatalogRow> rows) {
        List<KeylessTable> result = new ArrayList<>(rows.size());
        for (CatalogRow row : rows) {
            result.add(new KeylessTable(TableName.of(row.text("nspname"), row.text("relname")), row.text("relreplident"),
                    row.bool("has_candidate_key")));
        }
        // Sorted here rather than by the server, whose sort of tens of thousands of names spills to disk.
        result.sort(Comparator.comparing(KeylessTable::name));
        return result;
    }

    private static List<HistoryRow> history(List<CatalogRow> rows) {
        return rows == null ? null : rows.stream()
                .map(row -> new HistoryRow(row.text("version"), row.text("description"), row.integer("checksum"),
                        row.bool("success"))).toList();
    }

    private static Ownership ownership(CatalogRow row) {
        return new Ownership(row.bool("schema_exists"), visible(row.text("schema_owner")), row.text("schema_comment"),
                row.bool("schema_trusted"), visible(row.texts("foreign_objects")), visible(row.texts("untrusted_objects")),
                row.texts("tool_objects"), visible(row.texts("schema_creators")), row.text("role_comment"),
                row.bool("role_owns_objects"), row.text("publication_comment"), visible(row.text("publication_owner")),
                row.bool("publication_owned_by_admin"), row.bool("publication_trusted"), row.texts("publication_tables"),
                row.bool("read_only_by_default"), row.bool("admin_may_replicate"));
    }

    /** Null rows: skipped, the catalog being unchanged since a read that found none. */
    private static CaptureRisks risks(List<CatalogRow> rows) {
        if (rows == null) {
            return CaptureRisks.none();
        }
        List<TableName> nothing = new ArrayList<>();
        List<TableName> notOwned = new ArrayList<>();
        for (CatalogRow row : rows) {
            TableName table = TableName.of(row.text("nspname"), row.text("relname"));
            if (row.bool("identity_nothing")) {
                nothing.add(table);
            }
            if (row.bool("not_owned")) {
                notOwned.add(table);
            }
        }
        nothing.sort(Comparator.naturalOrder());
        notOwned.sort(Comparator.naturalOrder());
        return new CaptureRisks(nothing, notOwned);
    }

    /**
     * What a repair would have to restore. With a listed name that is no table, preflight refuses: what the role may
     * read is not compared then.
     */
    private static Drift drift(List<CatalogRow> rows, List<CatalogRow> tableRows, List<CatalogRow> tables,
                               List<CatalogRow> schemas, boolean resolvable) {
        List<Drift.Difference> differences = new ArrayList<>();
        List<CatalogRow> found = new ArrayList<>(rows);
        if (tableRows != null) { // null: skipped, the catalog being unchanged since a read that found nothing
            found.addAll(tableRows);
        }
        for (CatalogRow row : found) {
            boolean grants = List.of(FindingCode.GRANTS_MISSING.code(), FindingCode.ROLE_PRIVILEGE.code(),
                    FindingCode.ROLE_STALE_GRANT.code()).contains(row.text("code"));
            if (resolvable || !grants) {
                differences.add(new Drift.Difference(row.text("code"), visible(row.text("detail")), row.bool("repairable")));
            }
        }
        return new Drift(differences, texts(tables, "member"), schemas == null ? List.of() : texts(schemas, "nspname"));
    }

    /**
     * Catalog text as shown to a person: any role or table name may hold a line break or another control character,
     * which is shown as an escape so it can neither end a line of the report nor forge one.
     */
    static String visible(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(c -> shown.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return shown.toString();
    }

    private static List<String> visible(List<String> texts) {
        return texts.stream().map(Inspector::visible).toList();
    }

    /** Each other history's rows of the exported set; the description holds the script name. */
    private static List<HistoryRow> exported(List<CatalogRow> histories) {
        List<HistoryRow> rows = new ArrayList<>();
        for (CatalogRow history : histories) {
            for (CatalogRow row : XmlRows.parse(history.text("history_rows"))) {
                rows.add(new HistoryRow(null, row.text("script"), row.integer("checksum"), row.bool("success")));
            }
        }
        return rows;
    }

    private static CatalogState catalogState(CatalogRow row, String digest, List<CatalogRow> histories) {
        List<Long> oids = histories.stream().map(history -> Long.valueOf(history.text("history_table"))).toList();
        return new CatalogState(row.text("fingerprint"), digest, row.bool("recordable"), row.bool("unchanged"), oids);
    }

    /**
     * What the recorded fingerprint was computed for: the text of the checks it lets a run skip (the configured
     * names and capture set are in it) and the tool's version.
     */
    private static String digest(String... queries) {
        String version = String.valueOf(Inspector.class.getPackage().getImplementationVersion());
        return HexFormat.of().formatHex(Sha256.of(version + "\0" + String.join("\0", queries)));
    }

    private static StoredPassword storedPassword(List<CatalogRow> rows) {
        if (rows == null) {
            return StoredPassword.unreadable();
        }
        return new StoredPassword(true, rows.isEmpty() ? null : rows.get(0).text("rolpassword"));
    }

    private static SessionAddress session(CatalogRow row) {
        return new SessionAddress(row.text("server_address"), row.integer("server_port"), row.text("database"));
    }

    private static List<String> texts(List<CatalogRow> rows, String column) {
        return rows.stream().map(row -> row.text(column)).toList();
    }

    private static List<Identifier> identifiers(List<CatalogRow> rows, String column) {
        return rows.stream().map(row -> Identifier.of(row.text(column))).toList();
    }

    private static List<TableName> tableNames(List<CatalogRow> rows) {
        return rows.stream().map(row -> TableName.of(row.text("nspname"), row.text("relname"))).toList();
    }
}
