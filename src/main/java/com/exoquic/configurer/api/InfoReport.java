package com.exoquic.configurer.api;

import java.util.List;

/**
 * What {@code info} shows: the Exoquic migrations as Flyway sees them, the server parameters the tool manages
 * ({@code settings}, as {@code info} and its JSON call them: running, configured, pending a restart), the slot and
 * the publication, and what preflight would refuse.
 */
public record InfoReport(List<Migration> migrations, List<ServerParameter> settings, String slot, String publication,
                         List<String> problems) {

    /** One migration: version ("" for a repeatable, "schema" for Flyway's schema creation), state, checksum. */
    public record Migration(String version, String description, String state, String installedOn,
                            Boolean checksumMatches) {
    }

    /**
     * One server parameter; {@code configured} is null when it cannot be read (only a superuser reads the
     * configuration files).
     */
    public record ServerParameter(String name, String running, String configured, boolean pendingRestart) {
    }
}
