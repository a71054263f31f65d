package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.StatusReport;
import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.TableName;

import org.postgresql.util.PSQLState;

import com.exoquic.configurer.internal.template.SqlTemplates;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code exoquic.status} and judges it: problems make the status unhealthy, warnings do not. The views are
 * read only when the admin owns them and their schema: another role's view would run that role's code as the admin.
 * The columns a later release added to the view (invalidation_reason, inactive_since) are read by name from the row,
 * so a view an older release made still reads, as null.
 */
public final class StatusReader {
    private static final String STATUS = """
            SELECT database, wal_level, slot_name, plugin, active, lag_bytes, retained_wal_bytes,
                   wal_status, safe_wal_size, publication_name, publication_tables, tables_without_replica_identity,
                   pg_catalog.current_setting('max_slot_wal_keep_size', true),
                   EXISTS (SELECT 1 FROM pg_catalog.pg_publication p WHERE p.pubname = publication_name),
                   pg_catalog.jsonb_extract_path_text(pg_catalog.to_jsonb(st), 'invalidation_reason'),
                   pg_catalog.date_part('epoch', pg_catalog.now() - pg_catalog.jsonb_extract_path_text(
                       pg_catalog.to_jsonb(st), 'inactive_since')::timestamptz)::bigint""";
    private static final String FROM = " FROM exoquic.status st WHERE slot_name = ?";
    private static final String UNUSABLE_IDENTITY = """
            SELECT schema_name, table_name FROM exoquic.tables_without_replica_identity ORDER BY 1, 2""";
    private final SqlTemplates templates = new SqlTemplates();

    public StatusReport read(Connection connection, Identifier slot, long maxRetainedWal) throws SQLException {
        Trust trust = trust(connection);
        try (PreparedStatement statement = connection.prepareStatement(STATUS
                + (trust.problemsColumn() ? ", problems" : "") + FROM)) {
            statement.setString(1, slot.name());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw notConfigured(null);
                }
                return judge(rs, maxRetainedWal, trust.identityView() ? unusableIdentity(connection) : List.of());
            }
        } catch (SQLException e) {
            if (SqlStates.is(e, PSQLState.UNDEFINED_TABLE) || SqlStates.INVALID_SCHEMA_NAME.equals(SqlStates.of(e))) {
                throw notConfigured(e);
            }
            throw e;
        }
    }

    /** Whether the views may be read (status_trust.sql); refuses another role's schema or views. */
    private record Trust(boolean identityView, boolean problemsColumn) {
    }

    private Trust trust(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(templates.render("status_trust", Map.of()));
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            if (rs.getBoolean(6)) {
                // What Exoquic streams from is the primary's slot and publication; a standby's copies say nothing.
                throw new ConfigurerException(ErrorCode.PREFLIGHT, "the server is a standby (in recovery): run status"
                        + " against the primary");
            }
            if (rs.getObject(3) == null) {
                throw notConfigured(null);
            }
            Boolean identityView = (Boolean) rs.getObject(4);
            if (!rs.getBoolean(2) || !rs.getBoolean(3) || Boolean.FALSE.equals(identityView)) {
                throw new ConfigurerException(ErrorCode.UNHEALTHY, "the schema exoquic (owner "
                        + Inspector.visible(rs.getString(1)) + ") or its status views are owned by a role other"
                        + " than the admin, so they are not this tool's and were not read: they could run that"
                        + " role's code. Find out who made them; migrate refuses them too (--adopt takes over an"
                        + " empty schema)");
            }
            return new Trust(identityView != null, rs.getBoolean(5));
        }
    }

    /** The tables without a usable identity, quoted. */
    private static List<String> unusableIdentity(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(UNUSABLE_IDENTITY);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                tables.add(TableName.of(rs.getString(1), rs.getString(2)).quoted());
            }
        }
        return tables;
    }

    private static StatusReport judge(ResultSet rs, long maxRetainedWal, List<String> unusableIdentity)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String walLevel = rs.getString(2);
        String plugin = rs.getString(4);
        boolean slotExists = plugin != null;
        boolean active = rs.getBoolean(5);
        Long retained = (Long) rs.getObject(7);
        String walStatus = rs.getString(8);
        String keepSize = rs.getString(13);
        int tablesWithoutIdentity = rs.getInt(12);
        if (!"logical".equals(walLevel)) {
            problems.add("wal_level is " + walLevel + ", not logical: restart the server, then run migrate");
        }
        if (!slotExists) {
            problems.add("slot '" + rs.getString(3) + "' does not exist: run migrate");
        }
        if (!rs.getBoolean(14)) {
            problems.add("publication '" + rs.getString(10) + "' does not exist: run migrate");
        }
        String invalidationReason = rs.getString(15);
        if ("lost".equals(walStatus) || invalidationReason != null) {
            problems.add("slot WAL status is lost" + (invalidationReason == null ? "" : " (invalidated: "
                    + invalidationReason + ")") + ": no consumer can stream from it again; recreate it (migrate"
                    + " --recreate-lost-slot) and resynchronise the consumer");
        } else if ("unreserved".equals(walStatus)) {
            problems.add("slot WAL status is unreserved: the consumer is about to lose WAL it needs (the next"
                    + " checkpoint may invalidate the slot); make it catch up");
        }
        if (slotExists && retained != null && retained > maxRetainedWal) {
            problems.add("the " + (active ? "active" : "inactive") + " slot retains " + Bytes.human(retained)
                    + " of WAL, more than " + Bytes.human(maxRetainedWal) + " (--max-retained-wal,"
                    + " EXOQUIC_MAX_RETAINED_WAL): " + (active ? "its consumer is connected but behind; make it catch up"
                    : "start the consumer, or drop the slot if nothing uses it"));
        }
        if (rs.getMetaData().getColumnCount() > 16) {
            // What the view found different from what migrate established (drift_findings.sql), and a slot
            // Exoquic cannot read.
            Array drift = rs.getArray("problems");
            for (Object problem : (Object[]) drift.getArray()) {
                problems.add(Inspector.visible((String) problem) + ": run migrate");
            }
        } else if (slotExists && !"pgoutput".equals(plugin)) { // a view made by an older version says nothing of it
            problems.add("slot '" + rs.getString(3) + "' uses plugin " + Inspector.visible(plugin) + ", not pgoutput:"
                    + " Exoquic cannot read it");
        }
        if (tablesWithoutIdentity > 0) {
            problems.add(tablesWithoutIdentity + " captured table(s) have no usable replica identity: run migrate");
        }
        if ("-1".equals(keepSize)) {
            warnings.add("max_slot_wal_keep_size is unlimited: an abandoned slot can fill the disk;"
                    + " consider a cap (migrate --max-slot-wal-keep-size; see WAL safety in the README)");
        }
        return new StatusReport(rs.getString(1), walLevel, rs.getString(3), slotExists, active,
                (Long) rs.getObject(6), retained, walStatus, (Long) rs.getObject(9), keepSize, rs.getString(10),
                rs.getInt(11), tablesWithoutIdentity, unusableIdentity, problems, warnings, invalidationReason,
                (Long) rs.getObject(16));
    }

    private static ConfigurerException notConfigured(SQLException cause) {
        return new ConfigurerException(ErrorCode.UNHEALTHY,
                "Exoquic is not configured in this database (no exoquic.status view for this slot): run migrate", cause);
    }
}
