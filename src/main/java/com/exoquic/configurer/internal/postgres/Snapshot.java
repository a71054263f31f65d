package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.TableName;

import java.util.List;
import java.util.Map;

/**
 * Everything the tool reads before it changes anything: the server, the objects it manages, and the
 * captured tables. {@code configuredParameters} holds the values in the configuration files (what the server
 * runs after a restart); only a superuser can read them, so it is empty otherwise. {@code history} is Flyway's
 * history of the exoquic migrations, null when its table does not exist yet;
 * {@code adoptedHistory} the exported set's rows in other Flyway histories, script name as description;
 * {@code historyLogged} whether that history table is logged (null when it does not exist); {@code serverSlots}
 * every slot on the server and the WAL senders in use; {@code catalogState} the catalog's fingerprint, and whether
 * the checks that grow with the number of tables were skipped because it is unchanged since a run found nothing to
 * do (then {@code risks} and the table-sized part of {@code drift} are empty because they were found empty).
 * Planning and preflight work from this alone.
 */
public record Snapshot(ServerState server,
                       RoleState role,
                       PublicationState publication,
                       SlotState slot,
                       List<ListedTable> listedTables,
                       List<Identifier> missingSchemas,
                       List<Identifier> userSchemas,
                       List<TableName> wildcardTables,
                       List<KeylessTable> keylessTables,
                       Map<String, String> configuredParameters,
                       Provider provider,
                       List<HistoryRow> history,
                       Ownership ownership,
                       CaptureRisks risks,
                       Drift drift,
                       List<HistoryRow> adoptedHistory,
                       StoredPassword storedPassword,
                       Boolean historyLogged,
                       SessionAddress session,
                       ServerSlots serverSlots,
                       CatalogState catalogState) {

    public Snapshot(ServerState server, RoleState role, PublicationState publication, SlotState slot,
                    List<ListedTable> listedTables, List<Identifier> missingSchemas, List<Identifier> userSchemas,
                    List<TableName> wildcardTables, List<KeylessTable> keylessTables,
                    Map<String, String> configuredParameters, Provider provider, List<HistoryRow> history,
                    Ownership ownership, CaptureRisks risks, Drift drift, List<HistoryRow> adoptedHistory,
                    StoredPassword storedPassword, Boolean historyLogged, SessionAddress session,
                    ServerSlots serverSlots) {
        this(server, role, publication, slot, listedTables, missingSchemas, userSchemas, wildcardTables, keylessTables,
                configuredParameters, provider, history, ownership, risks, drift, adoptedHistory, storedPassword,
                historyLogged, session, serverSlots, CatalogState.none());
    }

    /** A snapshot of a database where nothing was read about ownership, risks, drift or other histories. */
    public Snapshot(ServerState server, RoleState role, PublicationState publication, SlotState slot,
                    List<ListedTable> listedTables, List<Identifier> missingSchemas, List<Identifier> userSchemas,
                    List<TableName> wildcardTables, List<KeylessTable> keylessTables,
                    Map<String, String> configuredParameters, Provider provider, List<HistoryRow> history) {
        this(server, role, publication, slot, listedTables, missingSchemas, userSchemas, wildcardTables, keylessTables,
                configuredParameters, provider, history, Ownership.none(), CaptureRisks.none(), Drift.none(), List.of(),
                StoredPassword.unreadable(), history == null ? null : Boolean.FALSE,
                new SessionAddress(null, null, server.database()), ServerSlots.none());
    }

    public List<ListedTable> unusableListedTables() {
        return listedTables.stream().filter(table -> !table.isTable()).toList();
    }
}
