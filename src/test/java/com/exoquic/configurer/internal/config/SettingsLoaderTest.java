package com.exoquic.configurer.internal.config;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Sources, precedence and defaults of every setting. */
@Tag("unit")
class SettingsLoaderTest {

    @TempDir
    Path dir;

    private static Settings load(Map<Setting, String> flags, Map<String, String> env) {
        return SettingsLoader.load(flags, env, Set.of());
    }

    private static String reveal(Secret secret) {
        return secret == null ? null : secret.reveal();
    }

    /**
     * One row per setting (except DATABASE_URL): the value it ends up as in {@link Settings}, its
     * documented default, and two valid values for the environment and the flag.
     */
    private record Row(Setting setting, Function<Settings, String> read, String defaultValue,
                       String envValue, String flagValue) {
        @Override
        public String toString() {
            return setting.name();
        }
    }

    private static final Map<Setting, Row> ROWS = Stream.of(
            new Row(Setting.HOST, s -> s.connection().host(), "localhost", "env.example.com", "flag.example.com"),
            new Row(Setting.PORT, s -> Integer.toString(s.connection().port()), "5432", "6000", "7000"),
            new Row(Setting.USER, s -> s.connection().user(), "postgres", "env_admin", "flag_admin"),
            new Row(Setting.PASSWORD, s -> reveal(s.connection().password()), null, "env-pw", "flag-pw"),
            new Row(Setting.DATABASE, s -> s.connection().database(), "postgres", "env_db", "flag_db"),
            new Row(Setting.SSL_MODE, s -> s.connection().sslMode(), "prefer", "disable", "verify-full"),
            new Row(Setting.REPLICATION_USER, s -> s.replicationUser().name(), "exoquic_replication",
                    "Env Repl", "flag_repl"),
            new Row(Setting.REPLICATION_PASSWORD, s -> reveal(s.replicationPassword()), null, "env-rpw", "flag-rpw"),
            new Row(Setting.PUBLICATION, s -> s.publication().name(), "exoquic_publication", "env_pub", "Flag Pub"),
            new Row(Setting.SLOT, s -> s.slot().name(), "exoquic_replication_slot", "env_slot", "flag_slot_2"),
            new Row(Setting.TABLES, s -> s.capture().toString(), "all tables", "env_t", "flag_t"),
            new Row(Setting.API_KEY, s -> reveal(s.apiKey()), null, "env-key", "flag-key"),
            new Row(Setting.CLOUD_URL, s -> s.cloudUrl().toString(), "https://api.exoquic.com",
                    "http://localhost:8080", "https://staging.exoquic.com/api"),
            new Row(Setting.ENVIRONMENT, Settings::environment, "prod", "dev", "prod"),
            new Row(Setting.PUBLIC_HOST, Settings::publicHost, null, "env-public.example.com", "flag-public.example.com"),
            new Row(Setting.CONNECT_ATTEMPTS, s -> Integer.toString(s.connection().connectAttempts()), "5", "1", "100"),
            new Row(Setting.CONNECT_TIMEOUT, s -> Integer.toString(s.connection().connectTimeoutSeconds()), "10",
                    "3", "3600"),
            new Row(Setting.LOCK_TIMEOUT, s -> Long.toString(s.lockTimeout().toSeconds()), "5", "1", "3600"),
            new Row(Setting.SLOT_TIMEOUT, s -> Long.toString(s.slotTimeout().toSeconds()), "60", "2", "86400"),
            new Row(Setting.FAILOVER_SLOT, s -> Boolean.toString(s.failoverSlot()), "false", "false", "true"),
            new Row(Setting.ADOPT, s -> Boolean.toString(s.adopt()), "false", "false", "true"),
            new Row(Setting.DDL_GUARD, s -> Boolean.toString(s.ddlGuard()), "true", "true", "false"),
            new Row(Setting.ROTATE_REPLICATION_PASSWORD, s -> Boolean.toString(s.rotateReplicationPassword()), "false",
                    "false", "true"),
            new Row(Setting.CLOUD_CONNECT_TIMEOUT, s -> Long.toString(s.cloudConnectTimeout().toSeconds()), "10", "1", "600"),
            new Row(Setting.CLOUD_REQUEST_TIMEOUT, s -> Long.toString(s.cloudRequestTimeout().toSeconds()), "30", "5", "600"),
            new Row(Setting.RECREATE_LOST_SLOT, s -> Boolean.toString(s.recreateLostSlot()), "false", "false", "true"),
            new Row(Setting.MAX_SLOT_WAL_KEEP_SIZE, s -> size(s.maxSlotWalKeepSize()), null, "512MB", "50GB"),
            new Row(Setting.IDLE_SLOT_TIMEOUT, s -> s.idleSlotTimeout() == null ? null
                    : s.idleSlotTimeout().toSeconds() + "s", null, "90s", "172800s"),
            new Row(Setting.MAX_RETAINED_WAL, s -> size(s.maxRetainedWal()), "1GB", "64kB", "2GB"))
            .collect(Collectors.toMap(Row::setting, r -> r, (a, b) -> a, () -> new EnumMap<>(Setting.class)));

    /** A byte count written the way the rows give sizes: in the largest unit that divides it. */
    private static String size(Long bytes) {
        if (bytes == null) {
            return null;
        }
        String[] units = {"GB", "MB", "kB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (3 - i));
            if (bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }

    static Stream<Row> rows() {
        return ROWS.values().stream();
    }

    /** Values for settings whose Settings form differs from the raw text. */
    private static String expected(Setting setting, String raw) {
        return setting == Setting.TABLES ? "\"public\".\"" + raw + "\"" : raw;
    }

    /** A flag value: secret flags name a file holding the secret (with the usual trailing newline). */
    private String flag(Setting setting, String value) throws IOException {
        if (!setting.isSecret()) {
            return value;
        }
        Path file = Files.createTempFile(dir, setting.name(), ".txt");
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        return file.toString();
    }

    @Test
    void everySettingHasARow() {
        assertThat(ROWS.keySet()).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.of(Setting.URL)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void withNothingSetTheDefaultApplies(Row row) {
        assertThat(row.read().apply(load(Map.of(), Map.of()))).isEqualTo(row.defaultValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theDefaultIsTheDocumentedOne(Row row) {
        if (row.setting() != Setting.TABLES) {
            assertThat(row.setting().defaultValue()).isEqualTo(row.defaultValue());
        } else {
            assertThat(row.setting().defaultValue()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theEnvironmentVariableBeatsTheDefault(Row row) {
        Settings settings = load(Map.of(), Map.of(row.setting().envName(), row.envValue()));
        assertThat(row.read().apply(settings)).isEqualTo(expected(row.setting(), row.envValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void anEmptyEnvironmentVariableCountsAsUnset(Row row) {
        Settings settings = load(Map.of(), Map.of(row.setting().envName(), ""));
        assertThat(row.read().apply(settings)).isEqualTo(row.defaultValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theFlagBeatsTheEnvironmentVariable(Row row) throws IOException {
        Settings settings = load(Map.of(row.setting(), flag(row.setting(), row.flagValue())),
                Map.of(row.setting().envName(), row.envValue()));
        assertThat(row.read().apply(settings)).isEqualTo(expected(row.setting(), row.flagValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theFlagAloneBeatsTheDefault(Row row) throws IOException {
        Settings settings = load(Map.of(row.setting(), flag(row.setting(), row.flagValue())), Map.of());
        assertThat(row.read().apply(settings)).isEqualTo(expected(row.setting(), row.flagValue()));
    }

    // --- DATABASE_URL ---------------------------------------------------------------------------

    private static final String URL = "postgres://url_user:url-pw@url.example.com:6543/url_db?sslmode=require";

    static Stream<Arguments> urlParts() {
        return Stream.of(
                arguments(Setting.HOST, "url.example.com"),
                arguments(Setting.PORT, "6543"),
                arguments(Setting.USER, "url_user"),
                arguments(Setting.PASSWORD, "url-pw"),
                arguments(Setting.DATABASE, "url_db"),
                arguments(Setting.SSL_MODE, "require"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlParts")
    void aDatabaseUrlPartBeatsTheEnvironmentVariable(Setting setting, String urlValue) {
        Row row = ROWS.get(setting);
        Settings settings = load(Map.of(), Map.of("DATABASE_URL", URL, setting.envName(), row.envValue()));
        assertThat(row.read().apply(settings)).isEqualTo(urlValue);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urlParts")
    void theFlagBeatsADatabaseUrlPart(Setting setting, String urlValue) throws IOException {
        Row row = ROWS.get(setting);
        Settings settings = load(Map.of(setting, flag(setting, row.flagValue())),
                Map.of("DATABASE_URL", URL, setting.envName(), row.envValue()));
        assertThat(row.read().apply(settings)).isEqualTo(row.flagValue());
    }

    @Test
    void partsMissingFromTheUrlComeFromTheEnvironmentThenTheDefaults() {
        Settings settings = load(Map.of(), Map.of("DATABASE_URL", "postgres://url.example.com", "PGUSER", "env_admin"));
        ConnectionSettings connection = settings.connection();
        assertThat(connection.host()).isEqualTo("url.example.com");
        assertThat(connection.user()).isEqualTo("env_admin");
        assertThat(connection.port()).isEqualTo(5432);
        assertThat(connection.database()).isEqualTo("postgres");
        assertThat(connection.sslMode()).isEqualTo("prefer");
        assertThat(connection.password()).isNull();
    }

    @Test
    void theUrlFlagBeatsTheDatabaseUrlVariable() {
        Settings settings = load(Map.of(Setting.URL, "postgresql://flag_user@flag.example.com/flag_db"),
                Map.of("DATABASE_URL", URL));
        assertThat(settings.connection().describe()).isEqualTo("flag_user@flag.example.com:5432/flag_db");
        assertThat(settings.connection().password()).isNull();
    }

    @Test
    void aJdbcUrlWorksToo() {
        Settings settings = load(Map.of(),
                Map.of("DATABASE_URL", "jdbc:postgresql://[::1]:5999/app?user=u&password=p%40ss&sslmode=disable"));
        ConnectionSettings connection = settings.connection();
        assertThat(connection.host()).isEqualTo("::1");
        assertThat(connection.port()).isEqualTo(5999);
        assertThat(connection.user()).isEqualTo("u");
        assertThat(connection.password().reveal()).isEqualTo("p@ss");
        assertThat(connection.sslMode()).isEqualTo("disable");
        assertThat(connection.database()).isEqualTo("app");
    }

    @Test
    void aBlankDatabaseUrlIsIgnored() {
        Settings settings = load(Map.of(), Map.of("DATABASE_URL", "  ", "PGHOST", "env.example.com"));
        assertThat(settings.connection().host()).isEqualTo("env.example.com");
    }

    // --- values -----------------------------------------------------------------------------------

    @Test
    void surroundingWhitespaceIsTrimmedFromPlainValues() {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", " db.example.com ");
        env.put("PGPORT", " 5433 ");
        env.put("PGSSLMODE", " require ");
        env.put("EXOQUIC_ENV", " dev ");
        env.put("EXOQUIC_CLOUD_URL", " https://api.exoquic.com ");
        Settings settings = load(Map.of(), env);
        assertThat(settings.connection().host()).isEqualTo("db.example.com");
        assertThat(settings.connection().port()).isEqualTo(5433);
        assertThat(settings.connection().sslMode()).isEqualTo("require");
        assertThat(settings.environment()).isEqualTo("dev");
        assertThat(settings.cloudUrl()).isEqualTo(URI.create("https://api.exoquic.com"));
    }

    @Test
    void everySslModeIsAccepted() {
        for (String mode : new String[] {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}) {
            assertThat(load(Map.of(Setting.SSL_MODE, mode), Map.of()).connection().sslMode()).isEqualTo(mode);
        }
    }

    @Test
    void theTableListIsParsed() {
        Settings settings = load(Map.of(),
                Map.of("TABLES_TO_CAPTURE", "orders, \"Sales\".\"Order Items\", audit.*, audit.log"));
        assertThat(settings.capture().tables()).containsExactly(
                TableName.of("Sales", "Order Items"), TableName.of("public", "orders"));
        assertThat(settings.capture().schemas()).containsExactly(Identifier.of("audit"));
    }

    @Test
    void thePublicHostDefaultsToTheConnectionHost() {
        assertThat(load(Map.of(), Map.of("PGHOST", "db.internal")).exoquicHost()).isEqualTo("db.internal");
        assertThat(load(Map.of(), Map.of("PGHOST", "db.internal", "EXOQUIC_PUBLIC_HOST", "db.example.com"))
                .exoquicHost()).isEqualTo("db.example.com");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "db.example.com,       db.example.com",
        "' db.example.com ',   db.example.com",
        "DB-1.Example.COM,     DB-1.Example.COM",
        "postgres,             postgres",
        "my_db,                my_db",
        "203.0.113.7,          203.0.113.7",
        "2001:db8::7,          2001:db8::7",
        "[2001:db8::7],        2001:db8::7",
        "::ffff:203.0.113.7,   ::ffff:203.0.113.7"})
    void thePublicHostIsAHostNameOrAnIpAddressAndIpv6IsKeptBare(String given, String kept) {
        assertThat(load(Map.of(), Map.of("EXOQUIC_PUBLIC_HOST", given)).publicHost()).isEqualTo(kept);
        assertThat(load(Map.of(Setting.PUBLIC_HOST, given), Map.of()).publicHost()).isEqualTo(kept);
    }

    @Test
    void aBlankPublicHostIsUnset() {
        assertThat(load(Map.of(), Map.of("EXOQUIC_PUBLIC_HOST", "  ", "PGHOST", "db.internal")).exoquicHost())
                .isEqualTo("db.internal");
    }

    @Test
    void timeoutsAreSeconds() {
        Settings settings = load(Map.of(), Map.of("EXOQUIC_LOCK_TIMEOUT", "7", "EXOQUIC_SLOT_TIMEOUT", "120"));
        assertThat(settings.lockTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.slotTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void requiredValuesThatArePresentPass() {
        Settings settings = SettingsLoader.load(Map.of(), Map.of("EXOQUIC_REPLICATION_PASSWORD", "r"),
                Set.of(Setting.REPLICATION_PASSWORD));
        assertThat(settings.replicationPassword().reveal()).isEqualTo("r");
    }

    // --- secret files -----------------------------------------------------------------------------

    @Test
    void aSecretFileLosesOnlyItsTrailingNewline() throws IOException {
        Path file = dir.resolve("password");
        Files.writeString(file, "  p@ss word  \n", StandardCharsets.UTF_8);
        Settings settings = load(Map.of(Setting.PASSWORD, file.toString()), Map.of());
        assertThat(settings.connection().password().reveal()).isEqualTo("  p@ss word  ");
    }

    @Test
    void aSecretFileMayEndWithCrLfOrNoNewline() throws IOException {
        Path crlf = dir.resolve("crlf");
        Files.writeString(crlf, "key-1\r\n", StandardCharsets.UTF_8);
        Path bare = dir.resolve("bare");
        Files.writeString(bare, "rpw\u00e9", StandardCharsets.UTF_8);
        Settings settings = load(Map.of(Setting.API_KEY, crlf.toString(), Setting.REPLICATION_PASSWORD, bare.toString()),
                Map.of());
        assertThat(settings.apiKey().reveal()).isEqualTo("key-1");
        assertThat(settings.replicationPassword().reveal()).isEqualTo("rpw\u00e9");
    }

    @Test
    void anEmptySecretFileLeavesARequiredSecretMissing() throws IOException {
        Path file = dir.resolve("empty");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of(Setting.REPLICATION_PASSWORD, file.toString()), Map.of(),
                Set.of(Setting.REPLICATION_PASSWORD)))
                .isInstanceOfSatisfying(ConfigurerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.problems()).singleElement().asString()
                            .contains("EXOQUIC_REPLICATION_PASSWORD", "--replication-password-file");
                });
    }

    static Stream<Setting> secretSettings() {
        return Stream.of(Setting.values()).filter(Setting::isSecret);
    }

    @Test
    void exactlyThePasswordsAndTheApiKeyAreSecret() {
        assertThat(secretSettings()).containsExactlyInAnyOrder(
                Setting.PASSWORD, Setting.REPLICATION_PASSWORD, Setting.API_KEY);
        assertThat(secretSettings().map(Setting::flag)).allMatch(flag -> flag.endsWith("-file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secretSettings")
    void anUnreadableSecretFileIsAProblemNamingTheFlagAndTheFile(Setting setting) {
        Path missing = dir.resolve("no-such-" + setting.name());
        assertThatThrownBy(() -> load(Map.of(setting, missing.toString()), Map.of(setting.envName(), "from-env")))
                .isInstanceOfSatisfying(ConfigurerException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.code().exitCode()).isEqualTo(2);
                    assertThat(e.problems()).singleElement().asString()
                            .contains(setting.flag(), missing.toString(), "readable file");
                });
    }

    @Test
    void aDirectoryIsNotASecretFile() {
        assertThatThrownBy(() -> load(Map.of(Setting.PASSWORD, dir.toString()), Map.of()))
                .isInstanceOfSatisfying(ConfigurerException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("--password-file", dir.toString()));
    }

    @Test
    void theSecretFlagTakesAFileNotTheSecretItself() {
        assertThatThrownBy(() -> load(Map.of(Setting.API_KEY, "ak_live_123"), Map.of()))
                .isInstanceOfSatisfying(ConfigurerException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("--api-key-file", "ak_live_123"));
    }
}
