package com.exoquic.configurer.api;

/** What Exoquic needs to connect (the password is the one you configured; it is never echoed). */
public record ConnectionDetails(String host, int port, String database, String user, String slot, String publication) {
}
