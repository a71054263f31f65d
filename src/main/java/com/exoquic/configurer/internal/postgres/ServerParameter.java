package com.exoquic.configurer.internal.postgres;

/** A server parameter as the server runs with it, and whether a changed value waits for a restart. */
public record ServerParameter(String name, String running, boolean pendingRestart) {
}
