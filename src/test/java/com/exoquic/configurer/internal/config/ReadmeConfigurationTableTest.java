package com.exoquic.configurer.internal.config;

import com.exoquic.configurer.testing.Readme;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table is the rendering of {@link Setting}, so the two cannot drift apart. */
@Tag("unit")
class ReadmeConfigurationTableTest {
    private static final String SECTION = "## Configuration";

    @Test
    void theReadmeTableIsTheRenderingOfSetting() {
        String expected = markdownTable();
        String actual = Readme.table(SECTION).stream().collect(Collectors.joining("\n", "", "\n"));
        assertThat(actual)
                .withFailMessage("README.md's table under '%s' differs from Setting. Replace it with:%n%n%s", SECTION, expected)
                .isEqualTo(expected);
    }

    @Test
    void everySettingHasARow() {
        String table = markdownTable();
        for (Setting setting : Setting.values()) {
            assertThat(table).contains("| `" + setting.envName() + "` | `" + setting.flag());
        }
        assertThat(table.lines()).hasSize(Setting.values().length + 2);
    }

    /** The README's configuration table (GitHub markdown), in the words of the CLI's help. */
    static String markdownTable() {
        StringBuilder table = new StringBuilder();
        table.append("| Variable | Flag | Default | Accepts | Verbs | Meaning |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (Setting setting : Setting.values()) {
            String defaultCell = setting.defaultValue() == null || setting.defaultValue().isEmpty()
                    ? SettingsDocumentation.defaultText(setting) : code(setting.defaultValue());
            table.append(row(code(setting.envName()), code(flagUsage(setting)), defaultCell,
                    setting.type().accepts(), verbsText(setting),
                    setting.description() + (setting.isSecret() ? " *(secret)*" : "")));
        }
        return table.toString();
    }

    /** The flag as typed, with its value's label: {@code --port PORT}, {@code --failover-slot}. */
    private static String flagUsage(Setting setting) {
        return setting.isSwitch() ? setting.flag() : setting.flag() + " " + setting.paramLabel();
    }

    /** The verbs that read a setting: "all", "all but register", or their names. */
    private static String verbsText(Setting setting) {
        List<VerbName> verbs = Arrays.stream(VerbName.values()).filter(setting::usedBy).toList();
        List<VerbName> others = Arrays.stream(VerbName.values()).filter(verb -> !verbs.contains(verb)).toList();
        if (others.isEmpty()) {
            return "all";
        }
        return others.size() == 1 ? "all but " + others.get(0).command()
                : verbs.stream().map(VerbName::command).collect(Collectors.joining(", "));
    }

    private static String row(String... cells) {
        return Arrays.stream(cells).map(cell -> cell.replace("|", "\\|"))
                .collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
