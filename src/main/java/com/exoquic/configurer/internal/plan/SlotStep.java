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
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Creates the logical replication slot with pgoutput, once the server runs with wal_level = logical. Creation
 * waits for every running transaction to end, so it is bounded by statement_timeout. A slot created meanwhile by
 * someone else counts as in place. The slot name is bound as a parameter, never written into the SQL text.
 */
final class SlotStep implements Step {
    static final String NAME = "replication slot";
    private static final String CREATE = "SELECT pg_catalog.pg_create_logical_replication_slot(?, 'pgoutput')";
    /** PostgreSQL 17+: (name, plugin, temporary, twophase, failover); preflight refuses the option before 17. */
    private static final String CREATE_FAILOVER =
            "SELECT pg_catalog.pg_create_logical_replication_slot(?, 'pgoutput', false, false, true)";

    private final Identifier slot;
    private final String create;
    private final Duration timeout;
    private final boolean exists;
    private final boolean restartFirst;

    SlotStep(Identifier slot, boolean failover, Duration timeout, SlotState existing, boolean restartFirst) {
        this.slot = slot;
        this.create = failover ? CREATE_FAILOVER : CREATE;
        this.timeout = timeout;
        this.exists = existing != null;
        this.restartFirst = restartFirst;
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
        return List.of(
                new PlannedStatement(NAME, setTimeout()),
                // As sent: a prepared statement with the slot name bound as $1.
                new PlannedStatement(NAME, create.replace("?", "$1"), List.of(slot.name()), null),
                new PlannedStatement(NAME, "RESET statement_timeout"));
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
        try (var statement = connection.createStatement()) {
            statement.execute(setTimeout());
        }
        SQLException failure = null;
        try (PreparedStatement statement = connection.prepareStatement(create)) {
            statement.setString(1, slot.name());
            statement.execute();
            return StepResult.of(NAME, Outcome.DONE, "'" + slot.name() + "' (pgoutput)");
        } catch (SQLException e) {
            failure = e;
            if (SqlStates.DUPLICATE_OBJECT.equals(e.getSQLState())) {
                return StepResult.of(NAME, Outcome.ALREADY_IN_PLACE, "'" + slot.name() + "' (created meanwhile)");
            }
            if (SqlStates.is(e, PSQLState.QUERY_CANCELED)) {
                throw new ConfigurerException(ErrorCode.LOCK_TIMEOUT, "Creating slot '" + slot + "' waited "
                        + timeout.toSeconds() + " s for running transactions to end and gave up; nothing was created. "
                        + new TransactionReporter().describeOldTransactions(connection)
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

    private String setTimeout() {
        return "SET statement_timeout = '" + timeout.toMillis() + "ms'";
    }
}
