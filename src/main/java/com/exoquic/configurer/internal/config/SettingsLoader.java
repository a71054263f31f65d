package com.exoquic.configurer.internal.config;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.text.Count;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link Settings} from flags, environment and defaults, checking every value against its
 * {@link Setting#type()} before any connection. Every problem is reported at once (exit code 2): each bad value,
 * each unreadable secret file and each required setting that is missing, one line per setting, in the order
 * of {@link Setting}.
 */
public final class SettingsLoader {
    private final Map<Setting, String> explicit;
    private final Map<Setting, String> flags;
    private final Map<String, String> env;
    private final Map<Setting, String> sources = new EnumMap<>(Setting.class);
    private final Map<Setting, String> resolved = new EnumMap<>(Setting.class);
    private final Map<Setting, String> problems = new EnumMap<>(Setting.class);
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

    private Settings build(Set<Setting> required) {
        // The URL first: its parts rank above the PG* variables of the settings read below.
        urlParts = Setting.URL.urlParts(this);
        for (Setting setting : required) {
            String value = raw(setting);
            if (value == null || value.isEmpty()) {
                problem(setting, setting.envName() + " is not set: set it or pass " + setting.flag()
                        + " (" + setting.description() + ")");
            } else if (value.isBlank()) {
                problem(setting, setting.envName() + " holds only white space: give the real value, or pass "
                        + setting.flag() + " (" + setting.description() + ")");
            }
        }
        Settings settings = new Settings(this);
        if (!problems.isEmpty()) {
            throw new ConfigurerException(ErrorCode.CONFIGURATION, Count.of(problems.size(), "problem")
                    + " in the configuration; nothing was changed:", new ArrayList<>(problems.values()), null);
        }
        return settings;
    }

    /** The setting's value read by {@code type}; a rejected value becomes a problem and the type's fallback. */
    <T> T read(Setting setting, ValueType<T> type) {
        try {
            return type.parse(raw(setting), setting);
        } catch (ValueType.InvalidValue e) {
            problem(setting, source(setting) + e.getMessage());
            return type.fallback();
        }
    }

    /** One problem a setting: the first found (a secret file that cannot be read, rather than "is not set"). */
    private void problem(Setting setting, String problem) {
        problems.putIfAbsent(setting, problem);
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
            problem(setting, setting.flag() + " '" + file + "' cannot be read (" + e.getClass().getSimpleName()
                    + "); give a readable file that holds only the secret");
            return null;
        }
    }

    private String source(Setting setting) {
        return sources.getOrDefault(setting, setting.envName());
    }
}
