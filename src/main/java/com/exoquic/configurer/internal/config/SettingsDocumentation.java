package com.exoquic.configurer.internal.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How {@link Setting}s are described to people: the CLI help of each flag and its footer (the README's table is
 * rendered from the same words by {@code ReadmeConfigurationTableTest}).
 */
public final class SettingsDocumentation {
    private static final int FOOTER_WIDTH = 78; // picocli wraps at 80 columns

    private SettingsDocumentation() {
    }

    /** The default as shown to people: "none" when unset, "empty" for the empty text. */
    public static String defaultText(Setting setting) {
        String value = setting.defaultValue();
        return value == null ? "none" : value.isEmpty() ? "empty" : value;
    }

    /** One flag's help: what it means, then its variable, default and accepted values. */
    public static String optionHelp(Setting setting) {
        return setting.description() + " (" + setting.envName() + "; default " + defaultText(setting)
                + "; " + setting.type().accepts() + ")";
    }

    /** The help footer's list of variables, wrapped. */
    public static List<String> environmentFooter() {
        List<String> lines = new ArrayList<>();
        lines.add("Every setting is an environment variable, and a flag on the verbs that read");
        lines.add("it (see each verb's --help). A flag wins over its variable, a DATABASE_URL");
        lines.add("part over the PG* variable. The variables:");
        StringBuilder line = new StringBuilder(" ");
        for (Setting setting : Setting.values()) {
            if (line.length() + setting.envName().length() + 2 > FOOTER_WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(" ");
            }
            line.append(' ').append(setting.envName()).append(setting.ordinal() < Setting.values().length - 1 ? "," : "");
        }
        lines.add(line.toString());
        return lines;
    }
}
