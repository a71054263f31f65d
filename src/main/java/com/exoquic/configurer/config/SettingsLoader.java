package com.exoquic.configurer.config;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds {@link Settings} from flags, environment and defaults, checking everything before any
 * connection and reporting every problem at once (exit code 2).
 */
public final class SettingsLoader {
    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Set<Setting> URL_PARTS =
            Set.of(Setting.HOST, Setting.PORT, Setting.USER, Setting.PASSWORD, Setting.DATABASE, Setting.SSL_MODE);

    private final Map<Setting, String> flags;
    private final Map<String, String> env;
    private final Map<Setting, String> sources = new EnumMap<>(Setting.class);
    private final Map<Setting, String> resolved = new EnumMap<>(Setting.class);
    private final List<String> problems = new ArrayList<>();
    private Map<Setting, String> urlParts = Map.of();

    private SettingsLoader(Map<Setting, String> flags, Map<String, String> env) {
        this.flags = flags;
        this.env = env;
    }

    /**
     * @param flags    values given on the command line; for secret settings the value is a file path
     * @param env      the environment
     * @param required settings that must have a value for the verb being run
     */
    public static Settings load(Map<Setting, String> flags, Map<String, String> env, Set<Setting> required) {
        return new SettingsLoader(flags, env).build(required);
    }

    public static Settings fromEnvironment(Set<Setting> required) {
        return load(Map.of(), System.getenv(), required);
    }

    private Settings build(Set<Setting> required) {
        readUrl();
        for (Setting setting : required) {
            String value = raw(setting);
            if (value == null || value.isBlank()) {
                problems.add(setting.envName() + " is not set: set it or pass " + setting.flag()
                        + " (" + setting.description() + ")");
            }
        }
        ConnectionSettings connection = new ConnectionSettings(
                text(Setting.HOST), port(), text(Setting.USER), Secret.of(raw(Setting.PASSWORD)),
                text(Setting.DATABASE), sslMode(), number(Setting.CONNECT_ATTEMPTS, 1, 100),
                number(Setting.CONNECT_TIMEOUT, 1, 3600));
        Settings settings = new Settings(connection,
                identifier(Setting.REPLICATION_USER), Secret.of(raw(Setting.REPLICATION_PASSWORD)),
                identifier(Setting.PUBLICATION), slot(), capture(),
                Secret.of(raw(Setting.API_KEY)), cloudUrl(), environment(), optionalText(Setting.PUBLIC_HOST),
                Duration.ofSeconds(number(Setting.LOCK_TIMEOUT, 1, 3600)),
                Duration.ofSeconds(number(Setting.SLOT_TIMEOUT, 1, 86400)),
                bool(Setting.FAILOVER_SLOT),
                Duration.ofSeconds(number(Setting.CLOUD_CONNECT_TIMEOUT, 1, 600)),
                Duration.ofSeconds(number(Setting.CLOUD_REQUEST_TIMEOUT, 1, 600)));
        if (!problems.isEmpty()) {
            throw new ConfigurerException(ErrorCode.CONFIGURATION,
                    "The configuration has " + problems.size() + " problem(s); nothing was changed:", problems, null);
        }
        return settings;
    }

    private void readUrl() {
        String url = raw(Setting.URL);
        if (url == null || url.isBlank()) {
            return;
        }
        try {
            urlParts = DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            // The URL may hold a password: name the source, not the value.
            problems.add(source(Setting.URL) + " is not a usable database URL: " + e.getMessage()
                    + "; use postgres://user:password@host:5432/database?sslmode=require");
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
        String flag = flags.get(setting);
        if (flag != null) {
            sources.put(setting, setting.flag());
            return setting.isSecret() ? readSecretFile(setting, flag) : flag;
        }
        if (URL_PARTS.contains(setting) && urlParts.containsKey(setting)) {
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

    private String text(Setting setting) {
        String value = raw(setting);
        if (value == null || value.isBlank()) {
            problems.add(source(setting) + " is empty; " + setting.description());
            return "";
        }
        return value.trim();
    }

    private String optionalText(Setting setting) {
        String value = raw(setting);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private int port() {
        return number(Setting.PORT, 1, 65535);
    }

    private int number(Setting setting, int min, int max) {
        String value = raw(setting);
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        problems.add(source(setting) + " = '" + value + "' is not a whole number from " + min + " to " + max
                + "; " + setting.description());
        return min;
    }

    private boolean bool(Setting setting) {
        String value = raw(setting).trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            problems.add(source(setting) + " = '" + value + "' is not true or false; " + setting.description());
        }
        return value.equalsIgnoreCase("true");
    }

    private String sslMode() {
        String value = raw(Setting.SSL_MODE).trim();
        if (!SSL_MODES.contains(value)) {
            problems.add(source(Setting.SSL_MODE) + " = '" + value + "' is not an sslmode; use one of "
                    + String.join(", ", List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")));
        }
        return value;
    }

    private Identifier identifier(Setting setting) {
        String value = raw(setting);
        try {
            return Identifier.of(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            problems.add(source(setting) + " = '" + value + "' is not a usable name: " + e.getMessage());
            return null;
        }
    }

    private Identifier slot() {
        String value = raw(Setting.SLOT);
        if (value == null || !SLOT_NAME.matcher(value).matches()) {
            problems.add(source(Setting.SLOT) + " = '" + value + "' is not a valid slot name; PostgreSQL allows"
                    + " only lower-case letters, digits and underscores, 1 to 63 characters (e.g. exoquic_replication_slot)");
            return null;
        }
        return Identifier.of(value);
    }

    private CaptureSet capture() {
        String value = raw(Setting.TABLES);
        try {
            return TableListParser.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(source(Setting.TABLES) + " cannot be read: " + e.getMessage());
            return CaptureSet.allTables();
        }
    }

    private URI cloudUrl() {
        String value = raw(Setting.CLOUD_URL);
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() != null && uri.getHost() != null
                    && (uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                return uri;
            }
        } catch (URISyntaxException | NullPointerException e) {
            // reported below
        }
        problems.add(source(Setting.CLOUD_URL) + " = '" + value + "' is not an http(s) URL; use for example "
                + Setting.CLOUD_URL.defaultValue());
        return null;
    }

    private String environment() {
        String value = raw(Setting.ENVIRONMENT).trim();
        if (!value.equals("dev") && !value.equals("prod")) {
            problems.add(source(Setting.ENVIRONMENT) + " = '" + value + "' is not an Exoquic environment; use dev or prod");
        }
        return value;
    }
}
