package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.postgres.SlotState;
import com.exoquic.configurer.internal.postgres.SqlStates;
import com.exoquic.configurer.internal.postgres.TransactionReporter;
import org.postgresql.util.PSQLState;

import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.PlannedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the logical replication slot with pgoutput, once the server runs with wal_level = logical. Creation
 * waits for every running transaction to end, so it is bounded by statement_timeout. A slot created meanwhile by
 * someone else counts as in place only when it can serve (pgoutput, this database, not temporary). A slot PostgreSQL
 * invalidated is dropped first, when the configuration asks for it (preflight refuses it otherwise); the drop
 * itself checks that the slot is still an unused invalidated one. The slot name is bound as a parameter, never
 * written into the SQL text.
 */
final class SlotStep implements Step {
    static final String NAME = "replication slot";
    private static final String CREATE = "SELECT pg_catalog.pg_create_logical_replication_slot(?, 'pgoutput')";
    /** PostgreSQL 17+: (name, plugin, temporary, twophase, failover); preflight refuses the option before 17. */
    private static final String CREATE_FAILOVER =
            "SELECT pg_catalog.pg_create_logical_replication_slot(?, 'pgoutput', false, false, true)";
    /** Drops the slot only while it is this database's, invalidated, unused and permanent; a row when it did. */
    private static final String DROP_LOST = """
            SELECT pg_catalog.pg_drop_replication_slot(s.slot_name) FROM pg_catalog.pg_replication_slots s
             WHERE s.slot_name = ? AND s.database = pg_catalog.current_database()
               AND NOT s.active AND NOT s.temporary
               AND (pg_catalog.jsonb_extract_path_text(pg_catalog.to_jsonb(s), 'wal_status') = 'lost'
                    OR pg_catalog.jsonb_extract_path_text(pg_catalog.to_jsonb(s), 'invalidation_reason') IS NOT NULL)""";
    /** What a slot that appeared meanwhile is, to tell whether it can serve. */
    private static final String READ_BACK = """
            SELECT 1 FROM pg_catalog.pg_replication_slots s
             WHERE s.slot_name = ? AND s.database = pg_catalog.current_database() AND s.plugin = 'pgoutput'
               AND NOT s.temporary""";

    private final Identifier slot;
    private final String create;
    private final Duration timeout;
    private final boolean exists;
    private final SlotState lost;
    private final boolean restartFirst;

    /** {@code recreateLost}: drop an invalidated {@code existing} slot and create it again. */
    SlotStep(Identifier slot, boolean failover, Duration timeout, SlotState existing, boolean recreateLost,
             boolean restartFirst) {
        this.slot = slot;
        this.create = failover ? CREATE_FAILOVER : CREATE;
        this.timeout = timeout;
        this.lost = recreates(existing, recreateLost) ? existing : null;
        this.exists = existing != null && lost == null;
        this.restartFirst = restartFirst;
    }

    /** Whether a run drops {@code existing} and creates it again. */
    static boolean recreates(SlotState existing, boolean recreateLost) {
        return recreateLost && existing != null && existing.invalidated();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Phase phase() {
        return Phase.AFTER_RESTART;
    }

    @Override
    public List<PlannedStatement> preview() {
        if (exists) {
            return List.of();
        }
        List<PlannedStatement> statements = new ArrayList<>();
        if (lost != null) {
            statements.add(new PlannedStatement(NAME, DROP_LOST.replace("?", "$1"), List.of(slot.name()),
                    "the invalidated slot, only while no session uses it"));
        }
        statements.add(new PlannedStatement(NAME, setTimeout()));
        // As sent: a prepared statement with the slot name bound as $1.
        statements.add(new PlannedStatement(NAME, create.replace("?", "$1"), List.of(slot.name()), null));
        statements.add(new PlannedStatement(NAME, "RESET statement_timeout"));
        return statements;
    }

    @Override
    public StepResult notApplied() {
        if (exists) {
            return StepResult.of(NAME, Outcome.ALREADY_IN_PLACE, "'" + slot.name() + "' (pgoutput)");
        }
        return StepResult.of(NAME, Outcome.SKIPPED, "'" + slot.name() + "' needs wal_level = logical:"
                + (restartFirst ? " restart the PostgreSQL server, then run migrate again" : " not reached"));
    }

    /** Needs an autocommit connection. */
    @Override
    public StepResult apply(Connection connection) throws SQLException {
        if (lost != null) {
            dropLost(connection);
        }
        try (var statement = connection.createStatement()) {
            statement.execute(setTimeout());
        }
        SQLException failure = null;
        try (PreparedStatement statement = connection.prepareStatement(create)) {
            statement.setString(1, slot.name());
            statement.execute();
            return lost == null ? StepResult.of(NAME, Outcome.DONE, "'" + slot.name() + "' (pgoutput)") : recreated();
        } catch (SQLException e) {
            failure = e;
            if (SqlStates.DUPLICATE_OBJECT.equals(e.getSQLState())) {
                return createdMeanwhile(connection);
            }
            if (SqlStates.is(e, PSQLState.QUERY_CANCELED)) {
                throw new ConfigurerException(ErrorCode.LOCK_TIMEOUT, "Creating slot '" + slot + "' waited "
                        + timeout.toSeconds() + " s for running transactions to end and gave up; nothing was created"
                        + (lost == null ? "" : " (the invalidated slot was dropped; its consumer must resynchronise)")
                        + ". " + new TransactionReporter().describeOldTransactions(connection)
                        + " Run migrate again when they have ended (--slot-timeout sets the wait).", e);
            }
            throw e;
        } finally {
            try (var statement = connection.createStatement()) {
                statement.execute("RESET statement_timeout");
            } catch (SQLException resetFailure) {
                // On a lost connection the reset fails too; the creation's error says what happened.
                if (failure == null) {
                    throw resetFailure;
                }
                failure.addSuppressed(resetFailure);
            }
        }
    }

    private void dropLost(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DROP_LOST)) {
            statement.setString(1, slot.name());
            try (ResultSet dropped = statement.executeQuery()) {
                if (!dropped.next()) {
                    throw new ConfigurerException(ErrorCode.FAILED, "Slot '" + slot.name() + "' is no longer an"
                            + " invalidated slot that no session uses, so it was not dropped; run migrate again to"
                            + " see what it is now.");
                }
            }
        }
    }

    private StepResult recreated() {
        return StepResult.of(NAME, Outcome.DONE, "'" + slot.name() + "' (pgoutput) recreated: PostgreSQL had"
                        + " invalidated it (" + lost.invalidationCause() + ")")
                .withWarning("THE CONSUMER MUST RESYNCHRONISE: slot '" + slot.name() + "' was invalidated ("
                        + lost.invalidationCode() + ") and has been recreated. The changes between its last confirmed"
                        + " position (" + lost.confirmedFlushLsn() + ") and its recreation can no longer be streamed:"
                        + " the consumer must take a new initial copy of the captured tables, then stream from the new"
                        + " slot.");
    }

    /** Someone created the slot between the plan and now: in place only if it can serve. */
    private StepResult createdMeanwhile(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ_BACK)) {
            statement.setString(1, slot.name());
            try (ResultSet usable = statement.executeQuery()) {
                if (usable.next()) {
                    return StepResult.of(NAME, Outcome.ALREADY_IN_PLACE, "'" + slot.name() + "' (created meanwhile)");
                }
            }
        }
        throw new ConfigurerException(ErrorCode.PREFLIGHT, "Slot '" + slot.name() + "' was created meanwhile by"
                + " another session, as a slot Exoquic cannot use (temporary, another plugin or another database);"
                + " it was not touched. Run migrate again to see what it is, or choose another EXOQUIC_SLOT_NAME.");
    }

    private String setTimeout() {
        return "SET statement_timeout = '" + timeout.toMillis() + "ms'";
    }
}
