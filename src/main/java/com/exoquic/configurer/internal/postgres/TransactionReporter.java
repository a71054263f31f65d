package com.exoquic.configurer.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Names the open transactions a slot creation waits for. */
public final class TransactionReporter {
    private static final String OPEN = """
            SELECT pid, COALESCE(NULLIF(application_name, ''), '-'), COALESCE(state, '-'),
                   pg_catalog.date_trunc('second', pg_catalog.now() - xact_start)::text
              FROM pg_catalog.pg_stat_activity
             WHERE xact_start IS NOT NULL AND pid <> pg_catalog.pg_backend_pid() AND backend_xid IS NOT NULL
             ORDER BY xact_start LIMIT 10""";

    public String describeOldTransactions(Connection connection) {
        StringBuilder text = new StringBuilder("Open transactions:");
        int found = 0;
        try (PreparedStatement statement = connection.prepareStatement(OPEN); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                found++;
                text.append(" [pid ").append(rs.getInt(1)).append(", application ").append(rs.getString(2))
                        .append(", state ").append(rs.getString(3)).append(", age ").append(rs.getString(4)).append(']');
            }
        } catch (SQLException e) {
            return "The open transactions could not be listed (" + e.getMessage() + ").";
        }
        return found == 0 ? "No transaction is open any more." : text.append('.').toString();
    }
}
