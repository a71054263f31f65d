package com.exoquic.configurer.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Splits a {@code DATABASE_URL} ({@code postgres://user:pass@host:port/db?sslmode=...}, as Railway and
 * Heroku hand out) or a {@code jdbc:postgresql://host:port/db?user=...} URL into connection settings.
 */
public final class DatabaseUrl {
    private DatabaseUrl() {
    }

    /** @throws IllegalArgumentException with a reason that never repeats the password */
    public static Map<Setting, String> parse(String url) {
        String text = url.trim();
        boolean jdbc = text.startsWith("jdbc:postgresql://");
        if (jdbc) {
            text = text.substring("jdbc:".length());
        } else if (!text.startsWith("postgres://") && !text.startsWith("postgresql://")) {
            throw new IllegalArgumentException("expected a URL starting with postgres://, postgresql:// or jdbc:postgresql://");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL (" + e.getReason() + ")");
        }
        Map<Setting, String> parts = new EnumMap<>(Setting.class);
        putHostAndPort(uri.getRawAuthority(), parts);
        putUserInfo(uri.getRawUserInfo(), parts);
        String path = uri.getRawPath();
        if (path != null && path.length() > 1) {
            parts.put(Setting.DATABASE, decode(path.substring(1)));
        }
        putQuery(uri.getRawQuery(), parts);
        return parts;
    }

    /**
     * Splits host and port ourselves: java.net.URI reports no host at all when the port is not a number (or the
     * host has an underscore), which would hide the actual mistake.
     */
    private static void putHostAndPort(String authority, Map<Setting, String> parts) {
        String hostPort = authority == null ? "" : authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        String port;
        if (hostPort.startsWith("[") && hostPort.indexOf(']') > 0) {
            int end = hostPort.indexOf(']');
            host = hostPort.substring(1, end);
            port = hostPort.startsWith(":", end + 1) ? hostPort.substring(end + 2) : "";
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? "" : hostPort.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        parts.put(Setting.HOST, host);
        if (!port.isEmpty()) {
            // Not echoed: in a URL missing its '@', this part could be a password.
            if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("the port in the URL is not a number (expected e.g. host:5432)");
            }
            parts.put(Setting.PORT, port);
        }
    }

    private static void putUserInfo(String userInfo, Map<Setting, String> parts) {
        if (userInfo == null || userInfo.isEmpty()) {
            return;
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        if (!user.isEmpty()) {
            parts.put(Setting.USER, decode(user));
        }
        if (colon >= 0) {
            parts.put(Setting.PASSWORD, decode(userInfo.substring(colon + 1)));
        }
    }

    private static void putQuery(String query, Map<Setting, String> parts) {
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (key) {
                case "sslmode" -> parts.put(Setting.SSL_MODE, value);
                case "user" -> parts.put(Setting.USER, value);
                case "password" -> parts.put(Setting.PASSWORD, value);
                default -> { } // other driver options are not ours to interpret
            }
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
