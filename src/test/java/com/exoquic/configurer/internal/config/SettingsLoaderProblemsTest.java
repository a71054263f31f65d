package com.exoquic.configurer.internal.config;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad input: exit code 2, every problem at once, each naming the setting, the value and the fix; no secrets. */
@Tag("unit")
class SettingsLoaderProblemsTest {

    @TempDir
    Path dir;

    private static ConfigurerException problems(Map<Setting, String> flags, Map<String, String> env,
                                                Set<Setting> required) {
        ConfigurerException e = catchThrowableOfType(ConfigurerException.class,
                () -> SettingsLoader.load(flags, env, required));
        assertThat(e).as("a ConfigurerException").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.code().exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).contains("nothing was changed");
        for (String problem : e.problems()) {
            assertThat(e.getMessage()).contains(problem);
        }
        return e;
    }

    private static ConfigurerException problems(Map<String, String> env) {
        return problems(Map.of(), env, Set.of());
    }

    private static Arguments bad(String variable, String value, String... fix) {
        return shown(variable, value, "'" + value + "'", fix);
    }

    /** A row whose message quotes only the offending part of the value. */
    private static Arguments shown(String variable, String value, String shownValue, String... fix) {
        return arguments(variable, value, shownValue, List.of(fix));
    }

    static Stream<Arguments> badEnvironment() {
        String longName = "n".repeat(64);
        String twoByteName = "\u00e9".repeat(32); // 64 bytes
        return Stream.of(
                // variable, bad value, what the message must also say (the fix); the value shows as 'value'
                bad("PGPORT", "0", "1 to 65535"),
                bad("PGPORT", "70000", "1 to 65535"),
                bad("PGPORT", "abc", "1 to 65535"),
                bad("PGPORT", "-5", "1 to 65535"),
                bad("PGPORT", "54.32", "1 to 65535"),
                bad("PGSSLMODE", "required", "disable, allow, prefer, require, verify-ca, verify-full"),
                bad("PGSSLMODE", "REQUIRE", "disable, allow, prefer, require, verify-ca, verify-full"),
                bad("EXOQUIC_ENV", "staging", "dev or prod"),
                bad("EXOQUIC_ENV", "Prod", "dev or prod"),
                bad("EXOQUIC_CLOUD_URL", "api.exoquic.com", "https://api.exoquic.com"),
                bad("EXOQUIC_CLOUD_URL", "ftp://api.exoquic.com", "http(s)", "https://api.exoquic.com"),
                bad("EXOQUIC_CLOUD_URL", "https://", "https://api.exoquic.com"),
                bad("EXOQUIC_CLOUD_URL", "not a url", "https://api.exoquic.com"),
                bad("EXOQUIC_SLOT_NAME", "My-Slot", "lower-case letters, digits and underscores"),
                bad("EXOQUIC_SLOT_NAME", "UPPER", "lower-case letters"),
                bad("EXOQUIC_SLOT_NAME", "s".repeat(64), "1 to 63"),
                bad("EXOQUIC_PUBLICATION_NAME", longName, "64 bytes", "at most 63"),
                bad("EXOQUIC_REPLICATION_USER", twoByteName, "64 bytes", "at most 63"),
                shown("TABLES_TO_CAPTURE", "x; DROP TABLE y", "'x;'", "double quotes"),
                bad("TABLES_TO_CAPTURE", "\"Unclosed", "not closed"),
                bad("TABLES_TO_CAPTURE", "a,,b", "expected a table name"),
                bad("TABLES_TO_CAPTURE", "\"\"", "empty"),
                shown("TABLES_TO_CAPTURE", "\"" + twoByteName + "\"", "'" + twoByteName + "'", "64 bytes", "at most 63"),
                bad("EXOQUIC_CONNECT_ATTEMPTS", "0", "1 to 100"),
                bad("EXOQUIC_CONNECT_ATTEMPTS", "101", "1 to 100"),
                bad("EXOQUIC_CONNECT_TIMEOUT", "-1", "1 to 3600"),
                bad("EXOQUIC_LOCK_TIMEOUT", "five", "1 to 3600"),
                bad("EXOQUIC_SLOT_TIMEOUT", "86401", "1 to 86400"),
                bad("EXOQUIC_CLOUD_CONNECT_TIMEOUT", "0", "1 to 600"),
                bad("EXOQUIC_CLOUD_REQUEST_TIMEOUT", "1h", "1 to 600"),
                // A line break would forge a line of the report ("[done] ..."); it is shown, not printed.
                shown("EXOQUIC_PUBLIC_HOST", "db.example.com\n  [done] grants: all",
                        "'db.example.com\\u000a  [done] grants: all'", "not a host name or IP address",
                        "no scheme, port or path", "db.example.com, 203.0.113.7 or 2001:db8::7"),
                shown("EXOQUIC_PUBLIC_HOST", "db\r.example.com", "'db\\u000d.example.com'", "not a host name"),
                bad("EXOQUIC_PUBLIC_HOST", "https://db.example.com", "not a host name or IP address"),
                bad("EXOQUIC_PUBLIC_HOST", "db.example.com:5432", "not a host name or IP address"),
                bad("EXOQUIC_PUBLIC_HOST", "db.example.com/shop", "not a host name or IP address"),
                bad("EXOQUIC_PUBLIC_HOST", "user@db.example.com", "not a host name or IP address"),
                bad("EXOQUIC_PUBLIC_HOST", "db example com", "not a host name or IP address"),
                bad("EXOQUIC_PUBLIC_HOST", "-db.example.com", "not a host name or IP address"),
                bad("EXOQUIC_PUBLIC_HOST", "db..example.com", "not a host name or IP address"),
                bad("EXOQUIC_PUBLIC_HOST", "203.0.113.300", "not a host name or IP address"),
                bad("EXOQUIC_PUBLIC_HOST", "[2001:db8::7]:5432", "not a host name or IP address"),
                bad("EXOQUIC_PUBLIC_HOST", "2001:db8:::7", "not a host name or IP address"),
                bad("EXOQUIC_PUBLIC_HOST", "[db.example.com]", "not a host name or IP address"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badEnvironment")
    void aBadValueNamesTheVariableTheValueAndTheFix(String variable, String value, String shownValue,
                                                     List<String> fix) {
        ConfigurerException e = problems(Map.of(variable, value));
        assertThat(e.problems()).singleElement().asString()
                .contains(variable)
                .contains(shownValue)
                .contains(fix);
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                arguments(Setting.PUBLICATION, "", List.of("--publication", "''", "cannot be empty")),
                arguments(Setting.REPLICATION_USER, "", List.of("--replication-user", "''", "cannot be empty")),
                arguments(Setting.SLOT, "", List.of("--slot", "''", "1 to 63")),
                arguments(Setting.HOST, " ", List.of("--host", "empty")),
                arguments(Setting.USER, "", List.of("--user", "empty")),
                arguments(Setting.DATABASE, "", List.of("--database", "empty")),
                arguments(Setting.PORT, "65536", List.of("--port", "'65536'", "1 to 65535")),
                arguments(Setting.SSL_MODE, "on", List.of("--sslmode", "'on'", "verify-full")),
                arguments(Setting.ENVIRONMENT, "test", List.of("--env", "'test'", "dev or prod")),
                arguments(Setting.CLOUD_URL, "localhost:8080", List.of("--cloud-url", "'localhost:8080'", "https://")),
                arguments(Setting.TABLES, "sales.*.x", List.of("--tables", "sales.*.x", "expected ','")),
                arguments(Setting.SLOT, "my slot", List.of("--slot", "'my slot'", "underscores")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badFlags")
    void aBadFlagIsNamedByItsFlag(Setting setting, String value, List<String> fragments) {
        ConfigurerException e = problems(Map.of(setting, value), Map.of(setting.envName(), "ignored"), Set.of());
        assertThat(e.problems()).singleElement().asString().contains(fragments);
    }

    @Test
    void aBadPortInTheDatabaseUrlNamesTheUrl() {
        ConfigurerException e = problems(Map.of("DATABASE_URL", "postgres://u:hunter2@host:70000/db"));
        assertThat(e.problems()).singleElement().asString().contains("DATABASE_URL", "'70000'", "1 to 65535");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void aMissingRequiredValueSaysWhichVariableAndFlag() {
        ConfigurerException e = problems(Map.of(), Map.of(), Set.of(Setting.REPLICATION_PASSWORD));
        assertThat(e.problems()).singleElement().asString()
                .contains("EXOQUIC_REPLICATION_PASSWORD", "is not set", "--replication-password-file");
    }

    @Test
    void oneProblemReadsAsASentence() {
        ConfigurerException e = problems(Map.of("PGPORT", "abc"));
        assertThat(e.getMessage()).startsWith("1 problem in the configuration; nothing was changed:"
                + System.lineSeparator() + "  - PGPORT = 'abc' is not a whole number from 1 to 65535");
    }

    /** The case of issue 25: the missing password used to show only on the next try. */
    @Test
    void badValuesAndAMissingRequiredValueAreListedTogetherInTheOrderOfTheTable() {
        ConfigurerException e = problems(Map.of(),
                Map.of("PGPORT", "abc", "EXOQUIC_SLOT_NAME", "My-Slot", "EXOQUIC_ENV", "staging"),
                Set.of(Setting.REPLICATION_PASSWORD));

        assertThat(e.getMessage()).startsWith("4 problems in the configuration; nothing was changed:");
        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems().get(0)).startsWith("PGPORT = 'abc'");
        assertThat(e.problems().get(1)).startsWith("EXOQUIC_REPLICATION_PASSWORD is not set");
        assertThat(e.problems().get(2)).startsWith("EXOQUIC_SLOT_NAME = 'My-Slot'");
        assertThat(e.problems().get(3)).startsWith("EXOQUIC_ENV = 'staging'");
    }

    @Test
    void aRequiredSecretWhoseFileCannotBeReadIsOneProblem() {
        ConfigurerException e = problems(Map.of(Setting.REPLICATION_PASSWORD, dir.resolve("missing").toString()),
                Map.of(), Set.of(Setting.REPLICATION_PASSWORD));
        assertThat(e.problems()).singleElement().asString().contains("--replication-password-file", "cannot be read");
    }

    @Test
    void everyMissingRequiredValueIsReported() {
        ConfigurerException e = problems(Map.of(), Map.of(),
                Set.of(Setting.REPLICATION_PASSWORD, Setting.API_KEY, Setting.PASSWORD));
        assertThat(e.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("EXOQUIC_REPLICATION_PASSWORD", "--replication-password-file"))
                .anySatisfy(p -> assertThat(p).contains("EXOQUIC_API_KEY", "--api-key-file"))
                .anySatisfy(p -> assertThat(p).contains("PGPASSWORD", "--password-file"));
    }

    @Test
    void aRequiredValueFromTheDatabaseUrlCounts() {
        Settings settings = SettingsLoader.load(Map.of(), Map.of("DATABASE_URL", "postgres://u:pw@h/db"),
                Set.of(Setting.PASSWORD));
        assertThat(settings.connection().password().reveal()).isEqualTo("pw");
    }

    @Test
    void allProblemsAreReportedInOneException() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PGPORT", "abc");
        env.put("PGSSLMODE", "sometimes");
        env.put("EXOQUIC_SLOT_NAME", "My-Slot");
        env.put("EXOQUIC_PUBLICATION_NAME", "p".repeat(64));
        env.put("TABLES_TO_CAPTURE", "x; DROP TABLE y");
        env.put("EXOQUIC_ENV", "staging");
        env.put("EXOQUIC_CLOUD_URL", "ftp://example.com");
        env.put("EXOQUIC_LOCK_TIMEOUT", "0");
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.REPLICATION_USER, "");
        flags.put(Setting.API_KEY, dir.resolve("missing-key").toString());

        ConfigurerException e = problems(flags, env, Set.of(Setting.REPLICATION_PASSWORD));

        assertThat(e.problems()).hasSize(11);
        assertThat(e.getMessage()).startsWith("11 problems in the configuration; nothing was changed:");
        for (String name : List.of("PGPORT", "PGSSLMODE", "EXOQUIC_SLOT_NAME", "EXOQUIC_PUBLICATION_NAME",
                "TABLES_TO_CAPTURE", "EXOQUIC_ENV", "EXOQUIC_CLOUD_URL", "EXOQUIC_LOCK_TIMEOUT",
                "--replication-user", "--api-key-file", "EXOQUIC_REPLICATION_PASSWORD")) {
            assertThat(e.problems()).as(name).anySatisfy(p -> assertThat(p).contains(name));
        }
    }

    @Test
    void aBadDatabaseUrlIsReportedAlongsideOtherProblems() {
        ConfigurerException e = problems(Map.of("DATABASE_URL", "mysql://root:hunter2@db/app", "PGPORT", "0"));
        assertThat(e.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("DATABASE_URL", "postgres://user:password@host:5432/database"))
                .anySatisfy(p -> assertThat(p).contains("PGPORT", "'0'"));
    }

    // --- secrets never leak -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://admin:hunter2@host/db",
            "postgres://admin:hunter2@/db",
            "postgres://admin:hunter2@host:port/db",
            "postgres://admin:hunt er2@host/db",
            "postgres://admin:hunter2%@host/db",
            "postgres://admin:hunter2@host/db?sslmode=bogus",
            "jdbc:postgresql://host:0/db?password=hunter2",
            "jdbc:postgresql://host/db?password=hunter2&sslmode=nope",
            "hunter2",
    })
    void theDatabaseUrlPasswordNeverReachesTheMessage(String url) {
        ConfigurerException e = problems(Map.of(Setting.URL, url), Map.of(), Set.of());
        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain("hunt"));
        assertThat(e.getMessage()).doesNotContain("hunt");
        assertThat(String.valueOf(e)).doesNotContain("hunt");
    }

    @Test
    void aMalformedDatabaseUrlIsNamedAndExplained() {
        ConfigurerException e = problems(Map.of("DATABASE_URL", "postgres://admin:hunter2@/db"));
        assertThat(e.problems()).singleElement().asString()
                .contains("DATABASE_URL", "not a usable database URL", "no host",
                        "postgres://user:password@host:5432/database?sslmode=require")
                .doesNotContain("hunter2");
    }

    @Test
    void secretsDoNotAppearInProblemsCausedByOtherSettings() throws IOException {
        Path file = dir.resolve("rpw");
        Files.writeString(file, "repl-s3cret\n");
        Map<String, String> env = Map.of(
                "PGPASSWORD", "admin-s3cret",
                "EXOQUIC_API_KEY", "key-s3cret",
                "PGPORT", "x",
                "EXOQUIC_SLOT_NAME", "Bad Slot");
        ConfigurerException e = problems(Map.of(Setting.REPLICATION_PASSWORD, file.toString()), env,
                Set.of(Setting.REPLICATION_PASSWORD, Setting.PASSWORD, Setting.API_KEY));
        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).doesNotContain("s3cret");
    }

    @Test
    void settingsPrintWithoutSecrets() throws IOException {
        Path file = dir.resolve("rpw");
        Files.writeString(file, "repl-s3cret\n");
        Settings settings = SettingsLoader.load(Map.of(Setting.REPLICATION_PASSWORD, file.toString()),
                Map.of("DATABASE_URL", "postgres://admin:url-s3cret@host/db", "EXOQUIC_API_KEY", "key-s3cret"),
                Set.of(Setting.REPLICATION_PASSWORD, Setting.API_KEY));
        assertThat(settings.replicationPassword().reveal()).isEqualTo("repl-s3cret");
        assertThat(settings.connection().password().reveal()).isEqualTo("url-s3cret");
        assertThat(settings.apiKey().reveal()).isEqualTo("key-s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret").contains(Secret.MASK);
        assertThat(settings.connection().toString()).doesNotContain("s3cret");
        assertThat(settings.connection().describe()).doesNotContain("s3cret");
    }
}
