package com.exoquic.configurer.internal.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table is the rendering of {@link Setting}, so the two cannot drift apart. */
@Tag("unit")
class ReadmeConfigurationTableTest {
    private static final String SECTION = "## Configuration";

    @Test
    void theReadmeTableIsTheRenderingOfSetting() throws IOException {
        String expected = SettingsDocumentation.markdownTable();
        String actual = tableIn(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        assertThat(actual)
                .withFailMessage("README.md's table under '%s' differs from Setting. Replace it with:%n%n%s", SECTION, expected)
                .isEqualTo(expected);
    }

    @Test
    void everySettingHasARow() {
        String table = SettingsDocumentation.markdownTable();
        for (Setting setting : Setting.values()) {
            assertThat(table).contains("| `" + setting.envName() + "` | `" + setting.flag());
        }
        assertThat(table.lines()).hasSize(Setting.values().length + 2);
    }

    /** The first table after the Configuration heading: its consecutive lines starting with '|'. */
    private static String tableIn(String readme) {
        List<String> lines = readme.lines().toList();
        int start = lines.indexOf(SECTION);
        assertThat(start).as("README.md has a '%s' section", SECTION).isNotNegative();
        return lines.subList(start, lines.size()).stream()
                .dropWhile(line -> !line.startsWith("|"))
                .takeWhile(line -> line.startsWith("|"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
