package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.config.DatabaseUrl;
import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.config.Settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where Exoquic should connect, taken from the session that did the work rather than from PG* defaults: the
 * database is current_database(); host and port come from EXOQUIC_PUBLIC_HOST, else the session's JDBC URL (what an
 * application's DataSource was configured with), else the address and port the server saw the session on, else
 * the configured connection settings. {@code publicHostSet}: the host was given on purpose.
 */
public record SessionEndpoint(String host, int port, String database, boolean publicHostSet) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** From what the inspection read of the session, and the session's JDBC URL. */
    public static SessionEndpoint of(SessionAddress session, Connection connection, Settings settings) {
        String serverAddress = session.serverAddress();
        Integer serverPort = session.serverPort();
        String database = session.database();
        Map<Setting, String> url = urlParts(connection);
        String urlHost = url.get(Setting.HOST);
        String host = settings.publicHost() != null ? settings.publicHost()
                : urlHost != null ? urlHost
                : serverAddress != null ? serverAddress
                : settings.connection().host();
        int port = urlHost != null && url.containsKey(Setting.PORT) ? Integer.parseInt(url.get(Setting.PORT))
                : serverPort != null ? serverPort
                : settings.connection().port();
        return new SessionEndpoint(host, port, database, settings.publicHost() != null);
    }

    /** The host and port of the session's JDBC URL; empty when it has none we can read (several hosts, say). */
    private static Map<Setting, String> urlParts(Connection connection) {
        try {
            String url = connection.getMetaData().getURL();
            Map<Setting, String> parts = url == null ? Map.of() : DatabaseUrl.parse(url);
            String host = parts.get(Setting.HOST);
            return host == null || host.isEmpty() || host.contains(",") ? Map.of() : parts;
        } catch (SQLException | RuntimeException e) {
            return Map.of();
        }
    }

    /**
     * True for a loopback, private, link-local or unique-local address, or a name that always means this machine:
     * a host Exoquic's cloud cannot reach. Names are never resolved (no DNS lookup).
     */
    public boolean unreachableFromOutside() {
        String name = host.toLowerCase();
        if (name.equals("localhost") || name.endsWith(".localhost") || name.startsWith("/")) {
            return true;
        }
        if (!IPV4.matcher(name).matches() && !name.contains(":")) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(name); // a literal: parsed, not looked up
            byte[] bytes = address.getAddress();
            boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress() || uniqueLocal;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
