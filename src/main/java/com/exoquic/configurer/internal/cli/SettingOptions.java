package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.config.SettingsDocumentation;
import com.exoquic.configurer.internal.config.VerbName;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The flags that carry settings, generated from {@link Setting}: a verb gets exactly the flags of the
 * settings it reads. Values stay text here; {@code SettingsLoader} checks them, so a bad flag and a bad
 * variable get the same message and every problem is reported at once.
 */
final class SettingOptions {
    private SettingOptions() {
    }

    static void addTo(CommandSpec spec, VerbName verb) {
        addTo(spec, verb, Set.of());
    }

    /** The flags of {@code verb}'s settings but {@code except} (a fleet verb takes no database location). */
    static void addTo(CommandSpec spec, VerbName verb, Set<Setting> except) {
        for (Setting setting : Setting.forVerb(verb)) {
            if (!except.contains(setting)) {
                spec.addOption(option(setting));
            }
        }
    }

    private static OptionSpec option(Setting setting) {
        OptionSpec.Builder option = OptionSpec.builder(setting.flag())
                .description(SettingsDocumentation.optionHelp(setting));
        if (setting.isSwitch()) {
            // Present means its switchValue(); absent leaves the variable or the default in charge.
            return option.arity("0").type(boolean.class).build();
        }
        return option.arity("1").type(String.class).paramLabel(setting.paramLabel()).build();
    }

    /** The settings given as flags in this run; a secret's value is the path of the file holding it. */
    static Map<Setting, String> given(CommandSpec spec, VerbName verb) {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.forVerb(verb)) {
            if (parsed != null && parsed.hasMatchedOption(setting.flag())) {
                flags.put(setting, setting.isSwitch() ? setting.switchValue()
                        : String.valueOf(parsed.<Object>matchedOptionValue(setting.flag(), null)));
            }
        }
        return flags;
    }
}
