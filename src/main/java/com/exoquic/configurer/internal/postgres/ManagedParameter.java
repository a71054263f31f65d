package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.sql.Sql;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server parameters this tool manages, and what logical replication needs of each: written once, for the
 * catalog read, the restart check, the ALTER SYSTEM step and teardown's reset. The tool raises a value to what it
 * {@linkplain #wanted() wants} (never lowering one); a logical slot can exist as soon as the running values
 * {@linkplain #allowsSlot allow one}.
 */
public enum ManagedParameter {
    WAL_LEVEL("wal_level", 0),
    MAX_REPLICATION_SLOTS("max_replication_slots", 1),
    MAX_WAL_SENDERS("max_wal_senders", 1);

    /** What max_replication_slots and max_wal_senders are raised to: a few consumers, and room for a resync. */
    public static final int MIN_SLOTS_AND_SENDERS = 5;
    /** Not managed, but read with them: info shows it, and it bounds the WAL an abandoned slot may hold. */
    public static final String SLOT_WAL_KEEP_SIZE = "max_slot_wal_keep_size";
    /** Not managed either: the WAL guard against a slot idle too long (PostgreSQL 18+), set only when asked. */
    public static final String IDLE_SLOT_TIMEOUT = "idle_replication_slot_timeout";
    private static final String LOGICAL = "logical";

    private final String parameter;
    /** For a count: the least a slot needs; unused for wal_level, which needs logical either way. */
    private final int leastForSlot;

    ManagedParameter(String parameter, int leastForSlot) {
        this.parameter = parameter;
        this.leastForSlot = leastForSlot;
    }

    /** The parameter's name, as PostgreSQL spells it. */
    public String parameter() {
        return parameter;
    }

    /** The value the tool writes with ALTER SYSTEM. */
    public String wanted() {
        return this == WAL_LEVEL ? LOGICAL : Integer.toString(MIN_SLOTS_AND_SENDERS);
    }

    /** Whether {@code value} (running or configured; null when unknown) already is what the tool would write. */
    public boolean satisfiedBy(String value) {
        return this == WAL_LEVEL ? LOGICAL.equals(value) : atLeast(value, MIN_SLOTS_AND_SENDERS);
    }

    /** Whether the running value lets a logical slot exist; otherwise only a restart helps. */
    public boolean allowsSlot(String running) {
        return this == WAL_LEVEL ? LOGICAL.equals(running) : atLeast(running, leastForSlot);
    }

    /** What the parameter needs for a slot, as the restart message names it: {@code wal_level = logical}. */
    public String slotNeeds() {
        return this == WAL_LEVEL ? parameter + " = " + LOGICAL : parameter + " >= " + leastForSlot;
    }

    /** What every parameter needs, in one phrase: wal_level = logical, max_replication_slots and ... >= 5. */
    public static String wantedSummary() {
        return WAL_LEVEL.parameter + " = " + LOGICAL + ", " + MAX_REPLICATION_SLOTS.parameter + " and "
                + MAX_WAL_SENDERS.parameter + " >= " + MIN_SLOTS_AND_SENDERS;
    }

    /** The names of the managed parameters, in this order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ManagedParameter::parameter).toList();
    }

    /** The names the catalog read asks pg_settings and pg_file_settings for, as an SQL list of literals. */
    static Sql sqlNames() {
        return Sql.list(Stream.concat(names().stream(), Stream.of(SLOT_WAL_KEEP_SIZE, IDLE_SLOT_TIMEOUT)).map(Sql::literal).toList());
    }

    private static boolean atLeast(String value, int least) {
        try {
            return value != null && Integer.parseInt(value.trim()) >= least;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
