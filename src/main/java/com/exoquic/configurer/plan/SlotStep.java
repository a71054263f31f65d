package com.exoquic.configurer.plan;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.config.Identifier;
import com.exoquic.configurer.postgres.Inspector;
import com.exoquic.configurer.postgres.SlotState;
import com.exoquic.configurer.postgres.SqlStates;
import com.exoquic.configurer.postgres.TransactionReporter;
import org.postgresql.util.PSQLState;

import com.exoquic.configurer.api.PlannedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Creates the logical replication slot with pgoutput. Creation waits for every running transaction to end,
 * so it is bounded by statement_timeout. A slot created meanwhile by a concurrent run counts as success.
 */
public final class SlotStep {
    public static final String NAME = "replication slot";
    private static final String CREATE = "SELECT pg_catalog.pg_create_logical_replication_slot(?, 'pgoutput')";
    /** PostgreSQL 17+: (name, plugin, temporary, twophase, failover); preflight refuses the option before 17. */
    private static final String CREATE_FAILOVER =
            "SELECT pg_catalog.pg_create_logical_replication_slot(?, 'pgoutput', false, false, true)";

    private final Identifier slot;
    private final String create;
    private final Duration timeout;
    private final Inspector inspector;

    public SlotStep(Identifier slot, boolean failover, Duration timeout, Inspector inspector) {
        this.slot = slot;
        this.create = failover ? CREATE_FAILOVER : CREATE;
        this.timeout = timeout;
        this.inspector = inspector;
    }

    public List<PlannedStatement> statements(SlotState existing) {
        if (existing != null) {
            return List.of();
        }
        return List.of(
                new PlannedStatement(NAME, "SET statement_timeout = '" + timeout.toMillis() + "ms'"),
                // As sent: a prepared statement with the slot name bound as $1.
                new PlannedStatement(NAME, create.replace("?", "$1"), List.of(slot.name()), null),
                new PlannedStatement(NAME, "RESET statement_timeout"));
    }

    /** @return true when created now, false when it existed. Needs an autocommit connection. */
    public boolean apply(Connection connection) throws SQLException {
        if (inspector.slot(connection, slot) != null) {
            return false;
        }
        try (var statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = '" + timeout.toMillis() + "ms'");
        }
        SQLException failure = null;
        try (PreparedStatement statement = connection.prepareStatement(create)) {
            statement.setString(1, slot.name());
            statement.execute();
            return true;
        } catch (SQLException e) {
            failure = e;
            if (SqlStates.DUPLICATE_OBJECT.equals(e.getSQLState())) {
                return false;
            }
            if (SqlStates.is(e, PSQLState.QUERY_CANCELED)) {
                throw new ConfigurerException(ErrorCode.FAILED, "Creating slot '" + slot + "' waited " + timeout.toSeconds()
                        + " s for running transactions to end and gave up; nothing was created. "
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
}
