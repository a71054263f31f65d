package com.exoquic.configurer.internal.cli;

import org.junit.jupiter.api.Tag;
import com.exoquic.configurer.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verb lists every problem of the configuration in one run, the required settings that are missing included, as
 * sentences; nothing is tried (no server here: a connection attempt would fail with another message).
 */
@Tag("unit")
class ConfigurationProblemsTest {
    /** Issue 25's case: three bad values and no replication password. */
    private static final Map<String, String> FOUR_PROBLEMS = Map.of(
            "PGPORT", "abc", "EXOQUIC_SLOT_NAME", "My-Slot", "EXOQUIC_ENV", "staging", "PGHOST", "127.0.0.1");

    @Test
    void migrateListsFourProblemsAtOnceTheMissingPasswordIncluded() {
        Cli.Result result = Cli.run(FOUR_PROBLEMS, "migrate");

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: 4 problems in the configuration; nothing was changed:");
        assertThat(result.err().lines().filter(line -> line.startsWith("  - ")).toList()).hasSize(4)
                .anySatisfy(line -> assertThat(line).contains("PGPORT = 'abc'", "1 to 65535"))
                .anySatisfy(line -> assertThat(line).contains("EXOQUIC_SLOT_NAME = 'My-Slot'", "lower-case"))
                .anySatisfy(line -> assertThat(line).contains("EXOQUIC_ENV = 'staging'", "dev or prod"))
                .anySatisfy(line -> assertThat(line).contains("EXOQUIC_REPLICATION_PASSWORD is not set",
                        "--replication-password-file"));
        assertThat(result.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "register"})
    void theOtherVerbsThatNeedThePasswordListItWithTheRest(String verb) {
        Cli.Result result = Cli.run(Map.of("PGPORT", "abc"), verb);

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("problems in the configuration", "PGPORT = 'abc'",
                "EXOQUIC_REPLICATION_PASSWORD is not set");
    }

    @Test
    void theDryRunNeedsNoPassword() {
        Cli.Result result = Cli.run(Map.of("PGPORT", "abc"), "migrate", "--dry-run");

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: 1 problem in the configuration; nothing was changed:")
                .doesNotContain("EXOQUIC_REPLICATION_PASSWORD");
    }

    @Test
    void aPublicHostWithALineBreakCannotForgeALineOfTheReport() {
        Cli.Result result = Cli.run(Map.of("PGPORT", "1", "EXOQUIC_REPLICATION_PASSWORD", "r"),
                "migrate", "--public-host", "db.example.com\n  [done]             grants: every table");

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("--public-host = 'db.example.com\\u000a  [done]",
                "is not a host name or IP address");
        assertThat((result.out() + result.err()).lines()).noneMatch(line -> line.stripLeading().startsWith("[done]"));
    }
}
