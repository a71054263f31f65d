package com.exoquic.configurer.testing;

import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A minimal logical replication consumer, as Exoquic is one: streams a slot with pgoutput (proto_version 1)
 * and decodes just the Relation, Insert, Update and Delete messages, with column values as text.
 */
public final class PgOutput implements AutoCloseable {
    /**
     * One row change. {@code oldKind} is 'O' when the whole old row came with it (REPLICA IDENTITY FULL),
     * 'K' when only the key did, or 0 when no old row came.
     */
    public record Change(char kind, String table, char oldKind, List<String> oldRow, List<String> newRow) {
        @Override
        public String toString() {
            return kind + " " + table + (oldKind == 0 ? "" : " " + oldKind + oldRow) + (newRow == null ? "" : " N" + newRow);
        }
    }

    private final Connection connection;
    private final PGReplicationStream stream;
    private final Map<Integer, String> relations = new HashMap<>();

    private PgOutput(Connection connection, PGReplicationStream stream) {
        this.connection = connection;
        this.stream = stream;
    }

    /** Logs in over a replication connection and starts streaming the slot for the publication. */
    public static PgOutput start(PostgresServer server, String database, String user, String password, String slot,
                                 String publication) throws SQLException {
        var props = new java.util.Properties();
        PGProperty.USER.set(props, user);
        PGProperty.PASSWORD.set(props, password);
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        Connection connection = DriverManager.getConnection(server.jdbcUrl(database), props);
        try {
            PGReplicationStream stream = connection.unwrap(PGConnection.class).getReplicationAPI()
                    .replicationStream().logical()
                    .withSlotName(slot)
                    .withSlotOption("proto_version", "1")
                    .withSlotOption("publication_names", publication)
                    .start();
            return new PgOutput(connection, stream);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Reads changes until one matches {@code last}; fails when none did within the timeout. */
    public List<Change> readUntil(Predicate<Change> last, Duration timeout) throws SQLException, InterruptedException {
        List<Change> changes = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            ByteBuffer message = stream.readPending();
            if (message == null) {
                Thread.sleep(10);
                continue;
            }
            Change change = decode(message);
            if (change != null) {
                changes.add(change);
                if (last.test(change)) {
                    return changes;
                }
            }
        }
        throw new AssertionError("the awaited change did not arrive within " + timeout + "; got " + changes);
    }

    /** "schema.table" of every relation the stream described. */
    public TreeSet<String> relations() {
        return new TreeSet<>(relations.values());
    }

    private Change decode(ByteBuffer in) {
        char type = (char) in.get();
        switch (type) {
            case 'R' -> {
                int id = in.getInt();
                relations.put(id, string(in) + "." + string(in));
                return null;
            }
            case 'I' -> {
                String table = relations.get(in.getInt());
                expect(in, 'N');
                return new Change('I', table, (char) 0, null, tuple(in));
            }
            case 'U' -> {
                String table = relations.get(in.getInt());
                char next = (char) in.get();
                if (next == 'N') {
                    return new Change('U', table, (char) 0, null, tuple(in));
                }
                List<String> old = tuple(in);
                expect(in, 'N');
                return new Change('U', table, next, old, tuple(in));
            }
            case 'D' -> {
                String table = relations.get(in.getInt());
                char oldKind = (char) in.get();
                return new Change('D', table, oldKind, tuple(in), null);
            }
            default -> {
                return null; // 'B' begin, 'C' commit, 'O' origin, 'Y' type, 'T' truncate, 'M' message
            }
        }
    }

    /** TupleData: Int16 column count, then per column 'n' (null), 'u' (unchanged TOAST) or 't' + Int32 length + text. */
    private static List<String> tuple(ByteBuffer in) {
        int columns = in.getShort();
        List<String> values = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            char kind = (char) in.get();
            switch (kind) {
                case 'n' -> values.add(null);
                case 'u' -> values.add("(unchanged toast)");
                case 't' -> {
                    byte[] text = new byte[in.getInt()];
                    in.get(text);
                    values.add(new String(text, StandardCharsets.UTF_8));
                }
                default -> throw new IllegalStateException("unexpected column kind '" + kind + "'");
            }
        }
        return values;
    }

    private static String string(ByteBuffer in) {
        int start = in.position();
        while (in.get() != 0) {
            // up to the terminating NUL
        }
        byte[] bytes = new byte[in.position() - start - 1];
        in.position(start);
        in.get(bytes);
        in.get();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void expect(ByteBuffer in, char marker) {
        char actual = (char) in.get();
        if (actual != marker) {
            throw new IllegalStateException("expected '" + marker + "' but got '" + actual + "'");
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            stream.close();
        } finally {
            connection.close();
        }
    }
}
