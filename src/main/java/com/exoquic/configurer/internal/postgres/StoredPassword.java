package com.exoquic.configurer.internal.postgres;

/**
 * The replication role's stored password verifier, as read from pg_authid: {@code readable} is false when the admin
 * may not read it (only a superuser can). Never printed: {@link #toString()} leaves the verifier out.
 */
public record StoredPassword(boolean readable, String verifier) {
    public static StoredPassword unreadable() {
        return new StoredPassword(false, null);
    }

    @Override
    public String toString() {
        return readable ? (verifier == null ? "StoredPassword[none]" : "StoredPassword[****]") : "StoredPassword[unreadable]";
    }
}
