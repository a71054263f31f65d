package com.exoquic.configurer.cli;

import com.exoquic.configurer.config.Setting;
import picocli.CommandLine.Option;

import java.util.Map;

/** Admin connection flags, shared by every verb. Each overrides its environment variable. */
public final class ConnectionOptions {
    @Option(names = "--host", paramLabel = "HOST", description = "Server host (PGHOST, default localhost).")
    String host;
    @Option(names = "--port", paramLabel = "PORT", description = "Server port (PGPORT, default 5432).")
    String port;
    @Option(names = "--user", paramLabel = "USER", description = "Admin role (PGUSER, default postgres).")
    String user;
    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the admin password (PGPASSWORD).")
    String passwordFile;
    @Option(names = "--database", paramLabel = "DB", description = "Database (PGDATABASE, default postgres).")
    String database;
    @Option(names = "--sslmode", paramLabel = "MODE", description = "disable, allow, prefer, require, verify-ca, verify-full (PGSSLMODE).")
    String sslMode;
    @Option(names = "--url", paramLabel = "URL", description = "postgres://user:pass@host:port/db?sslmode=... or jdbc:postgresql://... (DATABASE_URL).")
    String url;
    @Option(names = "--connect-attempts", paramLabel = "N", description = "Connection attempts while the server starts (EXOQUIC_CONNECT_ATTEMPTS, default 5).")
    String connectAttempts;
    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Timeout of each connection attempt (EXOQUIC_CONNECT_TIMEOUT, default 10).")
    String connectTimeout;

    void putInto(Map<Setting, String> flags) {
        put(flags, Setting.HOST, host);
        put(flags, Setting.PORT, port);
        put(flags, Setting.USER, user);
        put(flags, Setting.PASSWORD, passwordFile);
        put(flags, Setting.DATABASE, database);
        put(flags, Setting.SSL_MODE, sslMode);
        put(flags, Setting.URL, url);
        put(flags, Setting.CONNECT_ATTEMPTS, connectAttempts);
        put(flags, Setting.CONNECT_TIMEOUT, connectTimeout);
    }

    static void put(Map<Setting, String> flags, Setting setting, String value) {
        if (value != null) {
            flags.put(setting, value);
        }
    }
}
