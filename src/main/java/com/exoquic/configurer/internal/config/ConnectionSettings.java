package com.exoquic.configurer.internal.config;

/** Where and how the admin connection goes, each value read by name through {@link Setting}'s typed reads. */
public final class ConnectionSettings {
    private final String host;
    private final int port;
    private final String user;
    private final Secret password;
    private final String database;
    private final String sslMode;
    private final int connectAttempts;
    private final int connectTimeoutSeconds;

    ConnectionSettings(SettingsLoader values) {
        host = Setting.HOST.text(values);
        port = Setting.PORT.number(values);
        user = Setting.USER.text(values);
        password = Setting.PASSWORD.secret(values);
        database = Setting.DATABASE.text(values);
        sslMode = Setting.SSL_MODE.text(values);
        connectAttempts = Setting.CONNECT_ATTEMPTS.number(values);
        connectTimeoutSeconds = (int) Setting.CONNECT_TIMEOUT.seconds(values).toSeconds();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    /** Null when not set. */
    public Secret password() {
        return password;
    }

    public String database() {
        return database;
    }

    public String sslMode() {
        return sslMode;
    }

    public int connectAttempts() {
        return connectAttempts;
    }

    public int connectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    public String describe() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + describe() + ", password=" + password + ", sslmode=" + sslMode + "]";
    }
}
