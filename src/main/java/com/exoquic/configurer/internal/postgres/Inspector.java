package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.config.CaptureSet;
import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.config.TableName;
import com.exoquic.configurer.internal.template.CaptureModel;
import com.exoquic.configurer.internal.template.SqlModel;
import com.exoquic.configurer.internal.template.SqlTemplates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
    private static final String SERVER = """
            SELECT pg_catalog.current_setting('server_version_num')::int, pg_catalog.current_setting('server_version'),
                   pg_catalog.pg_is_in_recovery(), current_user, pg_catalog.current_database(), r.rolsuper,
                   r.rolsuper AND COALESCE(pg_catalog.current_setting('allow_alter_system', true), 'on') <> 'off',
                   r.rolsuper OR (r.rolcreaterole AND r.rolreplication
                                  AND pg_catalog.current_setting('server_version_num')::int >= 160000),
            """ + Provider.markersSql()
            + " FROM pg_catalog.pg_roles r WHERE r.rolname = current_user";
    private static final String PARAMETERS = "SELECT name, setting, pending_restart FROM pg_catalog.pg_settings"
            + " WHERE name IN (" + ManagedParameter.sqlNames() + ")";
    // Only a superuser may read the configuration files. The last line for a name wins, as when the server reads
    // its files. A value waiting for a restart carries error 'setting could not be applied', so errors stay in.
    private static final String SUPERUSER = """
            (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)""";
    private static final String FILE_PARAMETERS = "SELECT DISTINCT ON (name) name, setting FROM pg_catalog.pg_file_settings"
            + " WHERE name IN (" + ManagedParameter.sqlNames() + ") ORDER BY name, seqno DESC";
    // Every slot on the server, for the capacity check and the WAL guards; inactive_since exists from 17.
    private static final String SERVER_SLOTS = """
            SELECT s.slot_name::text, s.database::text, s.slot_type,
                   CASE WHEN NOT pg_catalog.pg_is_in_recovery()
                        THEN pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), s.restart_lsn)::bigint END,
                   pg_catalog.date_part('epoch', pg_catalog.now() - pg_catalog.jsonb_extract_path_text(
                       pg_catalog.to_jsonb(s), 'inactive_since')::timestamptz)::bigint
              FROM pg_catalog.pg_replication_slots s ORDER BY 1""";
    private static final String WAL_SENDERS = """
            SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_stat_activity WHERE backend_type = 'walsender'""";
    private static final String USER_SCHEMAS = """
            SELECT nspname FROM pg_catalog.pg_namespace
             WHERE nspname NOT IN ('information_schema', 'exoquic') AND nspname !~ '^pg_' ORDER BY 1""";
    private static final String HISTORY = """
            SELECT version, description, checksum, success FROM exoquic.flyway_schema_history
             WHERE type <> 'SCHEMA' ORDER BY installed_rank""";
    private static final String HISTORY_LOGGED = """
            SELECT relpersistence = 'p' FROM pg_catalog.pg_class
             WHERE oid = pg_catalog.to_regclass('exoquic.flyway_schema_history')""";
    private static final String SESSION = """
            SELECT pg_catalog.host(pg_catalog.inet_server_addr()), pg_catalog.inet_server_port(),
                   pg_catalog.current_database()""";
    private static final String VERSION_15 = "pg_catalog.current_setting('server_version_num')::int >= 150000";

    private final SqlTemplates templates;

    public Inspector(SqlTemplates templates) {
        this.templates = templates;
    }

    /** Everything planning needs, in one round trip. */
    public Snapshot inspect(Connection connection, Settings settings) throws SQLException {
        CaptureSet capture = settings.capture();
        Map<String, Object> model = model(settings);
        CatalogRead read = new CatalogRead();
        int server = read.add(SERVER);
        int parameters = read.add(PARAMETERS);
        int fileParameters = read.addIf(SUPERUSER, FILE_PARAMETERS);
        int role = read.add(templates.render("inspect_role", model));
        int publication = read.add(templates.render("inspect_publication", model));
        int slot = read.add(templates.render("inspect_slot", model));
        int listed = read.addColumns(templates.render("inspect_listed_tables", model), 6);
        int missingSchemas = read.add(templates.render("inspect_missing_schemas", model));
        int userSchemas = read.add(USER_SCHEMAS);
        int wildcard = read.addColumns(templates.render("inspect_wildcard_tables", model), 2);
        int keyless = read.addColumns(templates.render("inspect_tables_without_key", model), 4);
        // The history is read, and trusted, only where the admin owns it and, on a standby, only when it is logged
        // (history_trusted).
        int history = read.addIf(templates.render("history_trusted", Map.of()).strip(), HISTORY);
        int ownership = read.add(templates.render("inspect_ownership", model));
        int risks = read.addColumns(templates.render("inspect_capture_risks", model), 4);
        int drift = read.add(templates.render("inspect_drift", model));
        int members = read.add(templates.render("inspect_publication_members", model));
        int schemas = read.addIf(VERSION_15, templates.render("inspect_publication_schemas", model));
        int exported = read.add(templates.render("inspect_exported_rows", model));
        int password = read.addIf(SUPERUSER, templates.render("inspect_stored_password", model));
        int historyLogged = read.add(HISTORY_LOGGED);
        int session = read.add(SESSION);
        int serverSlots = read.add(SERVER_SLOTS);
        int walSenders = read.add(WAL_SENDERS);
        CatalogRead.Result result = read.run(connection);

        ServerState serverState = server(result.row(server), result.rows(parameters));
        List<ListedTable> listedTables = capture.tables().isEmpty() ? List.of() : listed(result.rows(listed));
        List<Identifier> missing = capture.schemas().isEmpty() ? List.of() : identifiers(result.rows(missingSchemas));
        // With a listed name that is no table, the captured set is not what the user means: preflight refuses,
        // and nothing is read about the tables.
        boolean resolvable = listedTables.stream().allMatch(ListedTable::isTable) && missing.isEmpty();
        RoleState roleState = role(result.row(role));
        return new Snapshot(serverState,
                roleState,
                publication(result.row(publication)),
                slot(result.row(slot)),
                listedTables, missing,
                identifiers(result.rows(userSchemas)),
                capture.schemas().isEmpty() ? List.of() : tableNames(result.rows(wildcard)),
                resolvable ? keyless(result.rows(keyless)) : List.of(),
                serverState.adminSuperuser() ? configured(result.rows(fileParameters)) : Map.of(),
                Provider.detect(serverState.providerMarkers(), settings.connection().host()),
                history(result.rows(history)),
                ownership(result.row(ownership)),
                resolvable ? risks(result.rows(risks)) : CaptureRisks.none(),
                drift(result.rows(drift), result.rows(members), result.rows(schemas), resolvable),
                exported(result.rows(exported)),
                storedPassword(result.rows(password)),
                result.row(historyLogged) == null ? null : result.row(historyLogged).bool(0),
                session(result.row(session)),
                serverSlots(result.rows(serverSlots), result.row(walSenders)));
    }

    public ServerState server(Connection connection) throws SQLException {
        CatalogRead read = new CatalogRead();
        int server = read.add(SERVER);
        int parameters = read.add(PARAMETERS);
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

    private static ServerState server(CatalogRow row, List<CatalogRow> parameterRows) {
        Map<String, ServerParameter> parameters = new LinkedHashMap<>();
        for (CatalogRow parameter : parameterRows) {
            parameters.put(parameter.text(0), new ServerParameter(parameter.text(0), parameter.text(1), parameter.bool(2)));
        }
        return new ServerState(row.integer(0), row.text(1), row.bool(2), row.text(3), row.text(4), row.bool(5),
                row.bool(6), row.bool(7), Set.copyOf(row.texts(8)), Map.copyOf(parameters));
    }

    private static Map<String, String> configured(List<CatalogRow> rows) {
        Map<String, String> configured = new LinkedHashMap<>();
        for (CatalogRow row : rows) {
            configured.put(row.text(0), row.text(1));
        }
        return configured;
    }

    private static RoleState role(CatalogRow row) {
        if (row == null) {
            return RoleState.missing();
        }
        return new RoleState(true, row.bool(0), row.bool(1), row.bool(2), row.bool(3), row.bool(4), row.bool(5),
                row.texts(6));
    }

    private static PublicationState publication(CatalogRow row) {
        return row == null ? null : new PublicationState(row.number(0), row.bool(1), row.integer(2), row.text(3));
    }

    private static SlotState slot(CatalogRow row) {
        return row == null ? null : new SlotState(row.text(0), row.text(1), row.text(2), row.bool(3), row.integer(4),
                row.number(5), row.bool(6), row.bool(7), row.text(8), row.number(9), row.text(10), row.text(11),
                row.text(12), row.text(13));
    }

    private static ServerSlots serverSlots(List<CatalogRow> rows, CatalogRow senders) {
        return new ServerSlots(rows.stream().map(row -> new ServerSlots.Slot(row.text(0), row.text(1), row.text(2),
                row.number(3), row.number(4))).toList(), senders.integer(0));
    }

    private static List<ListedTable> listed(List<CatalogRow> rows) {
        return rows.stream().map(row -> new ListedTable(TableName.of(row.text(0), row.text(1)), row.bool(2),
                row.text(3), row.text(4), row.text(5))).toList();
    }

    private static List<KeylessTable> keyless(List<CatalogRow> rows) {
        List<KeylessTable> result = new ArrayList<>(rows.size());
        for (CatalogRow row : rows) {
            result.add(new KeylessTable(TableName.of(row.text(0), row.text(1)), row.text(2), row.bool(3)));
        }
        // Sorted here rather than by the server, whose sort of tens of thousands of names spills to disk.
        result.sort(Comparator.comparing(KeylessTable::name));
        return result;
    }

    private static List<HistoryRow> history(List<CatalogRow> rows) {
        return rows == null ? null : rows.stream()
                .map(row -> new HistoryRow(row.text(0), row.text(1), row.integer(2), row.bool(3))).toList();
    }

    private static Ownership ownership(CatalogRow row) {
        return new Ownership(row.bool(0), visible(row.text(1)), row.text(2), row.bool(3), visible(row.texts(4)),
                visible(row.texts(5)), row.texts(6), visible(row.texts(7)), row.text(8), row.bool(9), row.text(10),
                visible(row.text(11)), row.bool(12), row.bool(13), row.texts(14), row.bool(15), row.bool(16));
    }

    private static CaptureRisks risks(List<CatalogRow> rows) {
        List<TableName> nothing = new ArrayList<>();
        List<TableName> notOwned = new ArrayList<>();
        for (CatalogRow row : rows) {
            TableName table = TableName.of(row.text(0), row.text(1));
            if (row.bool(2)) {
                nothing.add(table);
            }
            if (row.bool(3)) {
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
    private static Drift drift(List<CatalogRow> rows, List<CatalogRow> tables, List<CatalogRow> schemas,
                               boolean resolvable) {
        List<Drift.Difference> differences = new ArrayList<>();
        for (CatalogRow row : rows) {
            boolean grants = List.of(FindingCode.GRANTS_MISSING.code(), FindingCode.ROLE_PRIVILEGE.code(),
                    FindingCode.ROLE_STALE_GRANT.code()).contains(row.text(0));
            if (resolvable || !grants) {
                differences.add(new Drift.Difference(row.text(0), visible(row.text(1)), row.bool(2)));
            }
        }
        return new Drift(differences, texts(tables), schemas == null ? List.of() : texts(schemas));
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
            for (CatalogRow row : XmlRows.parse(history.text(0))) {
                rows.add(new HistoryRow(null, row.text(0), row.integer(1), row.bool(2)));
            }
        }
        return rows;
    }

    private static StoredPassword storedPassword(List<CatalogRow> rows) {
        if (rows == null) {
            return StoredPassword.unreadable();
        }
        return new StoredPassword(true, rows.isEmpty() ? null : rows.get(0).text(0));
    }

    private static SessionAddress session(CatalogRow row) {
        return new SessionAddress(row.text(0), row.integer(1), row.text(2));
    }

    private static List<String> texts(List<CatalogRow> rows) {
        return rows.stream().map(row -> row.text(0)).toList();
    }

    private static List<Identifier> identifiers(List<CatalogRow> rows) {
        return rows.stream().map(row -> Identifier.of(row.text(0))).toList();
    }

    private static List<TableName> tableNames(List<CatalogRow> rows) {
        return rows.stream().map(row -> TableName.of(row.text(0), row.text(1))).toList();
    }
}
