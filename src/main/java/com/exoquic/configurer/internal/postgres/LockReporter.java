package com.exoquic.configurer.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Names the sessions that hold locks on user tables, for a message after a lock timeout. */
public final class LockReporter {
    private static final String HOLDERS = """
            SELECT a.pid, COALESCE(NULLIF(a.application_name, ''), '-'), COALESCE(a.state, '-'),
                   COALESCE(pg_catalog.date_trunc('second', pg_catalog.now() - a.xact_start)::text, '-'),
                   COALESCE(pg_catalog.date_trunc('second', a.query_start)::text, '-'),
                   pg_catalog.string_agg(DISTINCT pg_catalog.format('%I.%I', n.nspname, c.relname), ', ')
              FROM pg_catalog.pg_locks l
              JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
              JOIN pg_catalog.pg_class c ON c.oid = l.relation
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE l.granted AND l.pid <> pg_catalog.pg_backend_pid()
               AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'exoquic') AND n.nspname !~ '^pg_'
               AND c.relkind IN ('r', 'p')
             GROUP BY 1, 2, 3, 4, 5
             ORDER BY 4 DESC
             LIMIT 10""";

    public String describeBlockers(Connection connection) {
        StringBuilder text = new StringBuilder("Sessions holding locks on tables:");
        int found = 0;
        try (PreparedStatement statement = connection.prepareStatement(HOLDERS); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                found++;
                text.append(" [pid ").append(rs.getInt(1)).append(", application ").append(rs.getString(2))
                        .append(", state ").append(rs.getString(3)).append(", transaction age ").append(rs.getString(4))
                        .append(", query started ").append(rs.getString(5)).append(", tables ").append(rs.getString(6))
                        .append(']');
            }
        } catch (SQLException e) {
            return "The blocking sessions could not be listed (" + e.getMessage() + ").";
        }
        return found == 0 ? "No session holds a lock any more." : text.append('.').toString();
    }
}
