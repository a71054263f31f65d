package com.exoquic.configurer.internal.postgres;

/** The address and port the server saw the session on (null over a Unix socket), and the session's database. */
public record SessionAddress(String serverAddress, Integer serverPort, String database) {
}
