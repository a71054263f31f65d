package com.exoquic.configurer.internal.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Reads in a READ ONLY transaction that is rolled back at the end, on any connection (an application's pooled one
 * too): the dry-run, validate, info and export change nothing, and leave the connection as they found it.
 */
public final class ReadOnlyTransaction implements AutoCloseable {
    private final Connection connection;
    private final boolean autoCommit;
    private final boolean readOnly;

    private ReadOnlyTransaction(Connection connection) throws SQLException {
        this.connection = connection;
        this.autoCommit = connection.getAutoCommit();
        this.readOnly = connection.isReadOnly();
        connection.setAutoCommit(false);
        connection.setReadOnly(true); // pgjdbc then begins each transaction with BEGIN READ ONLY
    }

    public static ReadOnlyTransaction begin(Connection connection) throws SQLException {
        return new ReadOnlyTransaction(connection);
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.setReadOnly(readOnly);
            connection.setAutoCommit(autoCommit);
        }
    }
}
