package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.internal.config.Setting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * One database of the fleet as the target list gave it: its connection parts (a password among them, never shown),
 * the settings it overrides (tables, slot, publication), its labels, and where it was given ({@code source}, e.g.
 * {@code targets.yaml line 7}) for error messages. {@link #display()} is its URL without secrets, the form every
 * message, the ledger and the report use; {@link #id()} is its name, or that URL: the key of the ledger and shards.
 */
public record Target(String name, Map<Setting, String> connection, Map<Setting, String> overrides,
                     Map<String, String> labels, String source) {

    public Target {
        connection = Map.copyOf(connection);
        overrides = Map.copyOf(overrides);
        labels = Map.copyOf(labels);
    }

    public String id() {
        return name != null ? name : display();
    }

    /** {@code postgres://user@host:port/database?sslmode=...} with what was given, never the password. */
    public String display() {
        StringBuilder url = new StringBuilder("postgres://");
        String user = connection.get(Setting.USER);
        if (user != null) {
            url.append(encode(user)).append('@');
        }
        String host = connection.get(Setting.HOST);
        url.append(host != null && host.contains(":") ? "[" + host + "]" : host);
        if (connection.containsKey(Setting.PORT)) {
            url.append(':').append(connection.get(Setting.PORT));
        }
        url.append('/');
        if (connection.containsKey(Setting.DATABASE)) {
            url.append(encode(connection.get(Setting.DATABASE)));
        }
        if (connection.containsKey(Setting.SSL_MODE)) {
            url.append("?sslmode=").append(encode(connection.get(Setting.SSL_MODE)));
        }
        return url.toString();
    }

    /** The connection parts with the database replaced: a database found on this target's server. */
    public Map<Setting, String> withDatabase(String database) {
        Map<Setting, String> parts = new EnumMap<>(Setting.class);
        parts.putAll(connection);
        parts.put(Setting.DATABASE, database);
        return parts;
    }

    @Override
    public String toString() {
        return id();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
