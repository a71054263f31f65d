package com.exoquic.configurer.internal.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** How {@link Setting}s are described to people: the CLI help of each flag, its footer, the README table. */
public final class SettingsDocumentation {
    private static final int FOOTER_WIDTH = 78; // picocli wraps at 80 columns

    private SettingsDocumentation() {
    }

    /** The default as shown to people: "none" when unset, "empty" for the empty text. */
    public static String defaultText(Setting setting) {
        String value = setting.defaultValue();
        return value == null ? "none" : value.isEmpty() ? "empty" : value;
    }

    /** The flag as typed, with its value's label: {@code --port PORT}, {@code --failover-slot}. */
    public static String flagUsage(Setting setting) {
        return setting.isSwitch() ? setting.flag() : setting.flag() + " " + setting.paramLabel();
    }

    /** One flag's help: what it means, then its variable, default and accepted values. */
    public static String optionHelp(Setting setting) {
        return setting.description() + " (" + setting.envName() + "; default " + defaultText(setting)
                + "; " + setting.type().accepts() + ")";
    }

    /** The verbs that read a setting: "all", "all but register", or their names. */
    public static String verbsText(Setting setting) {
        List<VerbName> verbs = setting.verbs();
        List<VerbName> others = Arrays.stream(VerbName.values()).filter(verb -> !verbs.contains(verb)).toList();
        if (others.isEmpty()) {
            return "all";
        }
        return others.size() == 1 ? "all but " + others.get(0).command()
                : verbs.stream().map(VerbName::command).collect(Collectors.joining(", "));
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

    /** The README's configuration table (GitHub markdown). */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder();
        table.append("| Variable | Flag | Default | Accepts | Verbs | Meaning |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (Setting setting : Setting.values()) {
            String defaultCell = setting.defaultValue() == null || setting.defaultValue().isEmpty()
                    ? defaultText(setting) : code(setting.defaultValue());
            table.append(row(code(setting.envName()), code(flagUsage(setting)), defaultCell,
                    setting.type().accepts(), verbsText(setting),
                    setting.description() + (setting.isSecret() ? " *(secret)*" : "")));
        }
        return table.toString();
    }

    private static String row(String... cells) {
        return Arrays.stream(cells).map(cell -> cell.replace("|", "\\|"))
                .collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
