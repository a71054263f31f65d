package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.internal.text.Sha256;

import java.util.HexFormat;
import java.util.Locale;

/**
 * A replication slot's name belongs to the whole server, not to one database, so the databases of a fleet cannot
 * share the single-database default ({@code exoquic_replication_slot}). A target that names no slot gets
 * {@code exoquic_<database>}; where the database's name is not already a valid slot name ({@code [a-z0-9_]}, 63
 * bytes), it is folded to one and a hash of the real name is appended, so two databases never get the same slot.
 */
public final class SlotNames {
    private static final int MAX = 63;
    private static final String PREFIX = "exoquic_";

    private SlotNames() {
    }

    public static String forDatabase(String database) {
        String folded = database.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = PREFIX + folded;
        if (folded.equals(database) && name.length() <= MAX) {
            return name;
        }
        String suffix = "_" + hash(database);
        return name.substring(0, Math.min(name.length(), MAX - suffix.length())) + suffix;
    }

    private static String hash(String text) {
        return HexFormat.of().formatHex(Sha256.of(text), 0, 4);
    }
}
