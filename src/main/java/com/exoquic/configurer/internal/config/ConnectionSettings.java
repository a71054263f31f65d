package com.exoquic.configurer.internal.config;

import java.util.Properties;

/** Where and how the admin connection goes. */
public record ConnectionSettings(String host, int port, String user, Secret password, String database,
                                 String sslMode, int connectAttempts, int connectTimeoutSeconds) {

    public String jdbcUrl() {
        // Host and database reach the URL only after validation; the rest travels as properties.
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + urlEncode(database);
    }

    /** Driver properties for a login as {@code loginUser}. */
    public Properties jdbcProperties(String loginUser, Secret loginPassword) {
        Properties props = new Properties();
        props.setProperty("user", loginUser);
        if (loginPassword != null) {
            props.setProperty("password", loginPassword.reveal());
        }
        props.setProperty("sslmode", sslMode);
        props.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        props.setProperty("ApplicationName", "exoquic-configurer");
        props.setProperty("assumeMinServerVersion", "9.4"); // application_name sent with the login, not a SET after
        return props;
    }

    public Properties jdbcProperties() {
        return jdbcProperties(user, password);
    }

    public String describe() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    private static String urlEncode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
