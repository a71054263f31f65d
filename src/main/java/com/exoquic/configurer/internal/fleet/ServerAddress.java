package com.exoquic.configurer.internal.fleet;

import java.util.Locale;

/**
 * The server a target lives on, as written: host and port, normalised so that spellings of one address group
 * together (case, a trailing dot, IPv6 brackets and zero runs, {@code localhost} and the loopback addresses
 * stay apart: they are merged later only if they prove to be the same server). Names are never resolved here.
 */
public record ServerAddress(String host, int port) {

    public static ServerAddress of(String host, int port) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".") && h.length() > 1) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.contains(":")) {
            h = ipv6(h);
        }
        return new ServerAddress(h, port);
    }

    /** A literal IPv6 address in one canonical (uncompressed) form; a name holds no colon, so none is looked up. */
    private static String ipv6(String literal) {
        if (!literal.matches("[0-9a-f:.]+")) {
            return literal;
        }
        try {
            return java.net.InetAddress.getByName(literal).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return literal;
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
