package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.config.CaptureSet;
import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.config.TableName;
import com.exoquic.configurer.internal.sql.Sql;
import com.exoquic.configurer.internal.template.CaptureModel;
import com.exoquic.configurer.internal.template.SqlModel;
import com.exoquic.configurer.internal.template.SqlTemplates;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the catalog with prepared statements only. The number of queries is fixed: it does not grow
 * with the number of tables.
 */
public final class Inspector {
    private static final String SERVER = """
            SELECT current_setting('server_version_num')::int, current_setting('server_version'),
                   pg_is_in_recovery(), current_user, current_database(), r.rolsuper,
                   r.rolsuper AND COALESCE(current_setting('allow_alter_system', true), 'on') <> 'off',
                   r.rolsuper OR (r.rolcreaterole AND r.rolreplication
                                  AND current_setting('server_version_num')::int >= 160000),
                   ARRAY(SELECT g.rolname::text FROM pg_catalog.pg_roles g
                          WHERE g.rolname IN ('rds_superuser', 'cloudsqlsuperuser', 'azure_pg_admin',
                                              'supabase_admin', 'neon_superuser')
                         UNION ALL
                         SELECT s FROM unnest(ARRAY['rds.logical_replication', 'cloudsql.logical_decoding']) AS s
                          WHERE current_setting(s, true) IS NOT NULL)
              FROM pg_catalog.pg_roles r WHERE r.rolname = current_user""";
    private static final String SETTINGS = """
            SELECT name, setting, pending_restart FROM pg_catalog.pg_settings
             WHERE name IN ('wal_level', 'max_replication_slots', 'max_wal_senders', 'max_slot_wal_keep_size')""";
    // The last line for a name wins, as when the server reads its files. A value waiting for a restart
    // carries error 'setting could not be applied', so errors are not filtered out.
    private static final String FILE_SETTINGS = """
            SELECT DISTINCT ON (name) name, setting FROM pg_catalog.pg_file_settings
             WHERE name IN ('wal_level', 'max_replication_slots', 'max_wal_senders', 'max_slot_wal_keep_size')
             ORDER BY name, seqno DESC""";
    private static final String ROLE = """
            SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolbypassrls, r.rolreplication, r.rolcanlogin,
                   ARRAY(SELECT g.rolname::text FROM pg_catalog.pg_auth_members m
                           JOIN pg_catalog.pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid ORDER BY 1)
              FROM pg_catalog.pg_roles r WHERE r.rolname = ?""";
    private static final String PUBLICATION = """
            SELECT p.oid, p.puballtables,
                   -- Listing a FOR ALL TABLES publication walks every table: count only table lists.
                   CASE WHEN NOT p.puballtables THEN
                       (SELECT count(*) FROM pg_catalog.pg_publication_tables t WHERE t.pubname = p.pubname)::int
                   END,
                   concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                             CASE WHEN p.pubdelete THEN 'delete' END)
              FROM pg_catalog.pg_publication p WHERE p.pubname = ?""";
    private static final String SLOT = """
            SELECT plugin::text, slot_type, database::text, active, active_pid,
                   pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), restart_lsn)::bigint,
                   COALESCE((to_jsonb(s) ->> 'failover')::boolean, false) -- the column exists from PostgreSQL 17
              FROM pg_catalog.pg_replication_slots s WHERE slot_name = ?""";
    private static final String LISTED = """
            SELECT t.schema, t.name, n.oid IS NOT NULL, c.relkind::text, c.relpersistence::text,
                   -- a missing name that differs from a table's only in case (quoted names are case-sensitive)
                   (SELECT pg_catalog.format('%I.%I', n2.nspname, c2.relname)
                      FROM pg_catalog.pg_class c2 JOIN pg_catalog.pg_namespace n2 ON n2.oid = c2.relnamespace
                     WHERE c.oid IS NULL AND c2.relkind IN ('r', 'p')
                       AND pg_catalog.lower(n2.nspname) = pg_catalog.lower(t.schema)
                       AND pg_catalog.lower(c2.relname) = pg_catalog.lower(t.name)
                     ORDER BY 1 LIMIT 1)
              FROM unnest(?::text[], ?::text[]) AS t(schema, name)
              LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = t.schema
              LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = t.name""";
    private static final String MISSING_SCHEMAS = """
            SELECT s FROM unnest(?::text[]) AS s
             WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = s)""";
    private static final String USER_SCHEMAS = """
            SELECT nspname FROM pg_catalog.pg_namespace
             WHERE nspname NOT IN ('information_schema', 'exoquic') AND nspname !~ '^pg_' ORDER BY 1""";
    private static final String WILDCARD_TABLES = """
            SELECT n.nspname, c.relname FROM pg_catalog.pg_class c
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ANY (?::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
             ORDER BY 1, 2""";

    // Relations and functions of the exoquic schema this tool did not create: Flyway's history (and its indexes),
    // the views, the DDL guard's function, and anything marked with our comment are ours.
    private static final String OWNERSHIP = """
            SELECT n.oid IS NOT NULL, pg_catalog.pg_get_userbyid(n.nspowner),
                   pg_catalog.obj_description(n.oid, 'pg_namespace'),
                   ARRAY(SELECT c.relname::text FROM pg_catalog.pg_class c
                          WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                            AND c.relname NOT IN ('flyway_schema_history', 'exoquic_export_history', 'status',
                                                  'tables_without_replica_identity')
                            AND COALESCE(pg_catalog.obj_description(c.oid, 'pg_class'), '') NOT LIKE ? || '%'
                         UNION ALL
                         SELECT p.proname || '()' FROM pg_catalog.pg_proc p
                          WHERE p.pronamespace = n.oid AND p.proname <> 'ddl_guard'
                            AND COALESCE(pg_catalog.obj_description(p.oid, 'pg_proc'), '') NOT LIKE ? || '%'
                          ORDER BY 1),
                   (SELECT pg_catalog.shobj_description(r.oid, 'pg_authid') FROM pg_catalog.pg_roles r WHERE r.rolname = ?),
                   EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = ?
                              AND (EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relowner = r.oid)
                                   OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace s WHERE s.nspowner = r.oid)
                                   OR EXISTS (SELECT 1 FROM pg_catalog.pg_database d WHERE d.datdba = r.oid))),
                   (SELECT pg_catalog.obj_description(p.oid, 'pg_publication') FROM pg_catalog.pg_publication p WHERE p.pubname = ?),
                   (SELECT pg_catalog.pg_get_userbyid(p.pubowner) FROM pg_catalog.pg_publication p WHERE p.pubname = ?),
                   COALESCE((SELECT pg_catalog.pg_has_role(p.pubowner, 'USAGE') FROM pg_catalog.pg_publication p
                              WHERE p.pubname = ?), true),
                   ARRAY(SELECT t.schemaname || '.' || t.tablename FROM pg_catalog.pg_publication_tables t
                           JOIN pg_catalog.pg_publication p ON p.pubname = t.pubname
                          WHERE t.pubname = ? AND NOT p.puballtables ORDER BY 1),
                   pg_catalog.current_setting('default_transaction_read_only') = 'on',
                   (SELECT r.rolsuper OR r.rolreplication FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
                   OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles g WHERE g.rolname = 'rds_replication'
                                 AND pg_catalog.pg_has_role(current_user, g.oid, 'MEMBER'))
              FROM (SELECT 1) AS one
              LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = 'exoquic'""";
    private static final String PUBLICATION_MEMBERS = """
            SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_publication_rel r
              JOIN pg_catalog.pg_publication p ON p.oid = r.prpubid
              JOIN pg_catalog.pg_class c ON c.oid = r.prrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE p.pubname = ? ORDER BY 1""";
    private static final String PUBLICATION_SCHEMAS = """
            SELECT n.nspname FROM pg_catalog.pg_publication_namespace s
              JOIN pg_catalog.pg_publication p ON p.oid = s.pnpubid
              JOIN pg_catalog.pg_namespace n ON n.oid = s.pnnspid
             WHERE p.pubname = ? ORDER BY 1""";
    private static final String HISTORY_EXISTS =
            "SELECT pg_catalog.to_regclass('exoquic.flyway_schema_history') IS NOT NULL";
    private static final String HISTORY = """
            SELECT version, description, checksum, success FROM exoquic.flyway_schema_history
             WHERE type <> 'SCHEMA' ORDER BY installed_rank""";

    /** Other Flyway history tables this role may read: the application's own, or a separate one for the export. */
    // From the columns a Flyway history has, not from every table: one scan of pg_attribute, whatever the catalog holds.
    private static final String OTHER_HISTORIES = """
            SELECT n.nspname, c.relname FROM pg_catalog.pg_attribute a
              JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE a.attname IN ('installed_rank', 'script', 'checksum', 'success') AND NOT a.attisdropped
               AND c.relkind IN ('r', 'p')
               AND c.oid IS DISTINCT FROM pg_catalog.to_regclass('exoquic.flyway_schema_history')::oid
             GROUP BY c.oid, n.nspname, c.relname
            HAVING count(*) = 4 AND pg_catalog.has_table_privilege(c.oid, 'SELECT')
             ORDER BY 1, 2""";

    private final SqlTemplates templates;

    public Inspector(SqlTemplates templates) {
        this.templates = templates;
    }

    public Snapshot inspect(Connection connection, Settings settings) throws SQLException {
        CaptureSet capture = settings.capture();
        ServerState server = server(connection);
        List<ListedTable> listed = listedTables(connection, capture.tables());
        List<Identifier> missingSchemas = identifiers(connection, MISSING_SCHEMAS, names(capture.schemas()));
        boolean resolvable = listed.stream().allMatch(ListedTable::isTable) && missingSchemas.isEmpty();
        RoleState role = role(connection, settings.replicationUser());
        return new Snapshot(server,
                role,
                publication(connection, settings.publication()),
                slot(connection, settings.slot()),
                listed, missingSchemas,
                identifiers(connection, USER_SCHEMAS, null),
                wildcardTables(connection, capture.schemas()),
                resolvable ? keylessTables(connection, capture) : List.of(),
                server.adminSuperuser() ? configuredSettings(connection) : Map.of(),
                Provider.detect(server.providerMarkers(), settings.connection().host()),
                history(connection),
                ownership(connection, settings),
                resolvable ? risks(connection, capture) : CaptureRisks.none(),
                drift(connection, settings, server, resolvable && role.exists()),
                exportedHistory(connection));
    }

    /** What a repair would have to restore; without the role or with an unresolvable list, grants are not compared. */
    private Drift drift(Connection connection, Settings settings, ServerState server, boolean compareGrants)
            throws SQLException {
        boolean grantsMissing = false;
        boolean viewMissing = false;
        if (compareGrants) {
            Map<String, Object> model = new java.util.HashMap<>(CaptureModel.of(settings.capture()));
            model.put("role", SqlModel.name(settings.replicationUser()));
            try (PreparedStatement statement = connection.prepareStatement(templates.render("inspect_drift", model));
                 ResultSet rs = statement.executeQuery()) {
                rs.next();
                grantsMissing = rs.getBoolean(1);
                viewMissing = rs.getBoolean(2);
            }
        }
        List<String> tables = strings(connection, PUBLICATION_MEMBERS, settings.publication().name());
        List<String> schemas = server.majorVersion() >= 15
                ? strings(connection, PUBLICATION_SCHEMAS, settings.publication().name()) : List.of();
        return new Drift(grantsMissing, viewMissing, tables, schemas);
    }

    private static List<String> strings(Connection connection, String sql, String parameter) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    public Ownership ownership(Connection connection, Settings settings) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(OWNERSHIP)) {
            statement.setString(1, Ownership.MARK);
            statement.setString(2, Ownership.MARK);
            statement.setString(3, settings.replicationUser().name());
            statement.setString(4, settings.replicationUser().name());
            for (int i = 5; i <= 8; i++) {
                statement.setString(i, settings.publication().name());
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Ownership(rs.getBoolean(1), rs.getString(2), rs.getString(3),
                        List.of((String[]) rs.getArray(4).getArray()), rs.getString(5), rs.getBoolean(6),
                        rs.getString(7), rs.getString(8), rs.getBoolean(9),
                        List.of((String[]) rs.getArray(10).getArray()), rs.getBoolean(11), rs.getBoolean(12));
            }
        }
    }

    private CaptureRisks risks(Connection connection, CaptureSet capture) throws SQLException {
        String sql = templates.render("inspect_capture_risks", CaptureModel.of(capture));
        List<TableName> nothing = new ArrayList<>();
        List<TableName> notOwned = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                TableName table = TableName.of(rs.getString(1), rs.getString(2));
                if (rs.getBoolean(3)) {
                    nothing.add(table);
                }
                if (rs.getBoolean(4)) {
                    notOwned.add(table);
                }
            }
        }
        nothing.sort(Comparator.naturalOrder());
        notOwned.sort(Comparator.naturalOrder());
        return new CaptureRisks(nothing, notOwned);
    }

    /**
     * Rows of the exported set ({@code R__exoquic_*.sql}) that other Flyway histories recorded; each row's
     * description holds its script name.
     */
    public List<HistoryRow> exportedHistory(Connection connection) throws SQLException {
        List<Sql> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(OTHER_HISTORIES); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                tables.add(Sql.qualified(rs.getString(1), rs.getString(2)));
            }
        }
        List<HistoryRow> rows = new ArrayList<>();
        for (Sql table : tables) { // one query per Flyway history found, whatever the number of captured tables
            try (PreparedStatement statement = connection.prepareStatement(
                    templates.render("inspect_exported_rows", Map.of("table", table)));
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new HistoryRow(null, rs.getString(1), (Integer) rs.getObject(2), rs.getBoolean(3)));
                }
            }
        }
        return rows;
    }

    /** Flyway's history of the exoquic migrations; null when the history table does not exist yet. */
    public List<HistoryRow> history(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HISTORY_EXISTS); ResultSet rs = statement.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return null;
            }
        }
        List<HistoryRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(HISTORY); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new HistoryRow(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getBoolean(4)));
            }
        }
        return rows;
    }

    /** The captured tables without a primary key, as the catalog holds them now. */
    public List<KeylessTable> keylessTables(Connection connection, Settings settings) throws SQLException {
        return keylessTables(connection, settings.capture());
    }

    public ServerState server(Connection connection) throws SQLException {
        Map<String, ServerSetting> settings = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(SETTINGS); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                settings.put(rs.getString(1), new ServerSetting(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(SERVER); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return new ServerState(rs.getInt(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getString(5),
                    rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), Set.of((String[]) rs.getArray(9).getArray()),
                    Map.copyOf(settings));
        }
    }

    private static Map<String, String> configuredSettings(Connection connection) throws SQLException {
        Map<String, String> configured = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(FILE_SETTINGS); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                configured.put(rs.getString(1), rs.getString(2));
            }
        }
        return configured;
    }

    public SlotState slot(Connection connection, Identifier slot) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SLOT)) {
            statement.setString(1, slot.name());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Integer pid = (Integer) rs.getObject(5);
                Long retained = (Long) rs.getObject(6);
                return new SlotState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), pid, retained,
                        rs.getBoolean(7));
            }
        }
    }

    public PublicationState publication(Connection connection, Identifier publication) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PUBLICATION)) {
            statement.setString(1, publication.name());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new PublicationState(rs.getLong(1), rs.getBoolean(2), (Integer) rs.getObject(3),
                        rs.getString(4)) : null;
            }
        }
    }

    public RoleState role(Connection connection, Identifier role) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ROLE)) {
            statement.setString(1, role.name());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return RoleState.missing();
                }
                return new RoleState(true, rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getBoolean(6), List.of((String[]) rs.getArray(7).getArray()));
            }
        }
    }

    private List<ListedTable> listedTables(Connection connection, List<TableName> tables) throws SQLException {
        if (tables.isEmpty()) {
            return List.of();
        }
        List<ListedTable> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(LISTED)) {
            statement.setArray(1, textArray(connection, tables.stream().map(t -> t.schema().name()).toList()));
            statement.setArray(2, textArray(connection, tables.stream().map(t -> t.table().name()).toList()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(new ListedTable(TableName.of(rs.getString(1), rs.getString(2)), rs.getBoolean(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return result;
    }

    private List<TableName> wildcardTables(Connection connection, List<Identifier> schemas) throws SQLException {
        if (schemas.isEmpty()) {
            return List.of();
        }
        List<TableName> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(WILDCARD_TABLES)) {
            statement.setArray(1, textArray(connection, names(schemas)));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(TableName.of(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return result;
    }

    private List<KeylessTable> keylessTables(Connection connection, CaptureSet capture) throws SQLException {
        String sql = templates.render("inspect_tables_without_key", CaptureModel.of(capture));
        List<KeylessTable> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                result.add(new KeylessTable(TableName.of(rs.getString(1), rs.getString(2)), rs.getString(3),
                        rs.getBoolean(4)));
            }
        }
        // Sorted here rather than by the server, whose sort of tens of thousands of names spills to disk.
        result.sort(Comparator.comparing(KeylessTable::name));
        return result;
    }

    private static List<Identifier> identifiers(Connection connection, String sql, List<String> parameter)
            throws SQLException {
        if (parameter != null && parameter.isEmpty()) {
            return List.of();
        }
        List<Identifier> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setArray(1, textArray(connection, parameter));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(Identifier.of(rs.getString(1)));
                }
            }
        }
        return result;
    }

    private static List<String> names(List<Identifier> identifiers) {
        return identifiers.stream().map(Identifier::name).toList();
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
