package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.config.Secret;
import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.config.Settings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What Exoquic needs to connect to the configured database. The secrets stay {@link Secret}s until the
 * body is built, so printing the request (or logging it) shows only masks.
 */
public record RegistrationRequest(String host,
                                  int port,
                                  String database,
                                  String username,
                                  Secret password,
                                  String replicationSlot,
                                  String publication,
                                  Secret apiKey,
                                  String environment) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RegistrationRequest {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(replicationSlot, "replicationSlot");
        Objects.requireNonNull(publication, "publication");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(environment, "environment");
    }

    /**
     * The request for a loaded configuration.
     *
     * @throws ConfigurerException (CONFIGURATION) when the API key or the replication password is missing;
     *                             the loader only demands them when the verb says so
     */
    public static RegistrationRequest from(Settings settings) {
        return from(settings, settings.exoquicHost(), settings.connection().port(), settings.connection().database());
    }

    /** The request naming {@code host}, {@code port} and {@code database}: those of the session that did the work. */
    public static RegistrationRequest from(Settings settings, String host, int port, String database) {
        List<String> problems = new ArrayList<>();
        if (settings.apiKey() == null) {
            problems.add(missing(Setting.API_KEY));
        }
        if (settings.replicationPassword() == null) {
            problems.add(missing(Setting.REPLICATION_PASSWORD));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurerException(ErrorCode.CONFIGURATION,
                    "The database cannot be registered with Exoquic:", problems, null);
        }
        return new RegistrationRequest(host, port, database, settings.replicationUser().name(),
                settings.replicationPassword(), settings.slot().name(), settings.publication().name(),
                settings.apiKey(), settings.environment());
    }

    private static String missing(Setting setting) {
        return setting.envName() + " is not set: set it or pass " + setting.flag() + " (" + setting.description() + ")";
    }

    /**
     * The request body. {@code maskSecrets} gives the form that may be shown (dry-run preview); the
     * unmasked form goes only onto the wire.
     */
    public String toJson(boolean maskSecrets) {
        ObjectNode body = JSON.createObjectNode();
        body.put("host", host);
        body.put("port", port);
        body.put("database", database);
        body.put("username", username);
        body.put("password", maskSecrets ? Secret.MASK : password.reveal());
        body.put("replicationSlot", replicationSlot);
        body.put("publication", publication);
        body.put("apiKey", maskSecrets ? Secret.MASK : apiKey.reveal());
        body.put("environment", environment);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            // A tree of plain strings and numbers always serialises; the message could hold a value, so drop it.
            throw new IllegalStateException("cannot serialise the registration body", null);
        }
    }

    /** A one-line description for logs: where Exoquic will connect, never with what. */
    public String describe() {
        return username + "@" + host + ":" + port + "/" + database + " (slot " + replicationSlot
                + ", publication " + publication + ", environment " + environment + ")";
    }

    @Override
    public String toString() {
        // Spelled out rather than left to the record, so a future non-Secret field cannot leak by default.
        return "RegistrationRequest[host=" + host + ", port=" + port + ", database=" + database
                + ", username=" + username + ", password=" + Secret.MASK + ", replicationSlot=" + replicationSlot
                + ", publication=" + publication + ", apiKey=" + Secret.MASK + ", environment=" + environment + "]";
    }
}
