package com.exoquic.configurer.internal.config;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link Settings} from flags, environment and defaults, checking every value against its
 * {@link Setting#type()} before any connection and reporting every problem at once (exit code 2).
 */
public final class SettingsLoader {
    private final Map<Setting, String> explicit;
    private final Map<Setting, String> flags;
    private final Map<String, String> env;
    private final Map<Setting, String> sources = new EnumMap<>(Setting.class);
    private final Map<Setting, String> resolved = new EnumMap<>(Setting.class);
    private final List<String> problems = new ArrayList<>();
    private Map<Setting, String> urlParts = Map.of();

    private SettingsLoader(Map<Setting, String> explicit, Map<Setting, String> flags, Map<String, String> env) {
        this.explicit = explicit;
        this.flags = flags;
        this.env = env;
    }

    /**
     * @param flags    values given on the command line; for secret settings the value is a file path
     * @param env      the environment
     * @param required settings that must have a value for the verb being run
     */
    public static Settings load(Map<Setting, String> flags, Map<String, String> env, Set<Setting> required) {
        return new SettingsLoader(Map.of(), flags, env).build(required);
    }

    /**
     * As {@link #load(Map, Map, Set)}, with {@code explicit} values (a library's typed settings; secrets as values,
     * not files) ranking above everything else.
     */
    public static Settings load(Map<Setting, String> explicit, Map<Setting, String> flags, Map<String, String> env,
                                Set<Setting> required) {
        return new SettingsLoader(explicit, flags, env).build(required);
    }

    public static Settings fromEnvironment(Set<Setting> required) {
        return load(Map.of(), System.getenv(), required);
    }

    @SuppressWarnings("unchecked")
    private Settings build(Set<Setting> required) {
        // The URL first: its parts rank above the PG* variables of the settings read below.
        urlParts = value(Setting.URL, Map.class);
        for (Setting setting : required) {
            String value = raw(setting);
            if (value == null || value.isEmpty()) {
                problems.add(setting.envName() + " is not set: set it or pass " + setting.flag()
                        + " (" + setting.description() + ")");
            } else if (value.isBlank()) {
                problems.add(setting.envName() + " holds only white space: give the real value, or pass "
                        + setting.flag() + " (" + setting.description() + ")");
            }
        }
        ConnectionSettings connection = new ConnectionSettings(
                value(Setting.HOST, String.class), value(Setting.PORT, Integer.class), value(Setting.USER, String.class),
                value(Setting.PASSWORD, Secret.class), value(Setting.DATABASE, String.class),
                value(Setting.SSL_MODE, String.class), value(Setting.CONNECT_ATTEMPTS, Integer.class),
                (int) value(Setting.CONNECT_TIMEOUT, Duration.class).toSeconds());
        Settings settings = new Settings(connection,
                value(Setting.REPLICATION_USER, Identifier.class), value(Setting.REPLICATION_PASSWORD, Secret.class),
                value(Setting.PUBLICATION, Identifier.class), value(Setting.SLOT, Identifier.class),
                value(Setting.TABLES, CaptureSet.class), value(Setting.API_KEY, Secret.class),
                value(Setting.CLOUD_URL, URI.class), value(Setting.ENVIRONMENT, String.class),
                value(Setting.PUBLIC_HOST, String.class),
                value(Setting.LOCK_TIMEOUT, Duration.class), value(Setting.SLOT_TIMEOUT, Duration.class),
                value(Setting.FAILOVER_SLOT, Boolean.class), value(Setting.DDL_GUARD, Boolean.class),
                value(Setting.ROTATE_REPLICATION_PASSWORD, Boolean.class),
                value(Setting.CLOUD_CONNECT_TIMEOUT, Duration.class),
                value(Setting.CLOUD_REQUEST_TIMEOUT, Duration.class),
                value(Setting.ADOPT, Boolean.class),
                value(Setting.RECREATE_LOST_SLOT, Boolean.class),
                value(Setting.MAX_SLOT_WAL_KEEP_SIZE, Long.class),
                value(Setting.IDLE_SLOT_TIMEOUT, Duration.class),
                value(Setting.MAX_RETAINED_WAL, Long.class));
        if (!problems.isEmpty()) {
            throw new ConfigurerException(ErrorCode.CONFIGURATION,
                    "The configuration has " + problems.size() + " problem(s); nothing was changed:", problems, null);
        }
        return settings;
    }

    /** The setting's value read by its type; a rejected value becomes a problem and the type's fallback. */
    private <T> T value(Setting setting, Class<T> kind) {
        try {
            return kind.cast(setting.type().parse(raw(setting), setting));
        } catch (ValueType.InvalidValue e) {
            problems.add(source(setting) + e.getMessage());
            return kind.cast(setting.type().fallback());
        }
    }

    /** The value by precedence: flag, URL part, environment, default. Records where it came from. */
    private String raw(Setting setting) {
        if (!resolved.containsKey(setting)) {
            resolved.put(setting, resolve(setting));
        }
        return resolved.get(setting);
    }

    private String resolve(Setting setting) {
        if (explicit.containsKey(setting)) {
            sources.put(setting, setting.envName() + " (set by the application)");
            return explicit.get(setting);
        }
        String flag = flags.get(setting);
        if (flag != null) {
            sources.put(setting, setting.flag());
            return setting.isSecret() ? readSecretFile(setting, flag) : flag;
        }
        if (urlParts.containsKey(setting)) {
            sources.put(setting, "DATABASE_URL");
            return urlParts.get(setting);
        }
        String value = env.get(setting.envName());
        if (value != null && !value.isEmpty()) {
            sources.put(setting, setting.envName());
            return value;
        }
        sources.put(setting, setting.envName() + " (default)");
        return setting.defaultValue();
    }

    private String readSecretFile(Setting setting, String file) {
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            // Drop only the line end an editor or `echo` adds; spaces may belong to the secret.
            return content.replaceFirst("[\r\n]+$", "");
        } catch (IOException | RuntimeException e) {
            problems.add(setting.flag() + " '" + file + "' cannot be read (" + e.getClass().getSimpleName()
                    + "); give a readable file that holds only the secret");
            return null;
        }
    }

    private String source(Setting setting) {
        return sources.getOrDefault(setting, setting.envName());
    }
}
