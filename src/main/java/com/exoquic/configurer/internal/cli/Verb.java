package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.config.SettingsLoader;
import com.exoquic.configurer.internal.config.VerbName;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import com.exoquic.configurer.ExoquicConfigurer;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What every verb shares: the top command (for the environment), its writers, the output options, and
 * the setting flags {@link SettingOptions} adds for the settings this verb reads.
 */
abstract class Verb {
    @ParentCommand
    ExoquicCommand parent;
    @Spec
    CommandSpec spec;
    @Mixin
    SharedOptions shared = new SharedOptions();
    private StatusLine statusLine;

    /** The verb's name in {@link Setting}'s terms, from the command name, so the two cannot disagree. */
    VerbName verbName() {
        return VerbName.of(spec.name());
    }

    /** The settings this verb cannot run without (see {@link Setting#requiredBy}). */
    Set<Setting> required() {
        return Setting.requiredBy(verbName());
    }

    /** The configuration as this verb reads it, every problem reported at once, the missing required settings too. */
    Settings settings() {
        return SettingsLoader.load(SettingOptions.given(spec, verbName()), parent.env(), required());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * The library's facade, configured as this verb was called: its flags, then the environment. The configuration
     * is checked here first, with {@link #required()}: the facade's {@code load()} cannot know which operation comes
     * and checks a required setting only when that runs, which would report a missing one after the others are fixed.
     */
    ExoquicConfigurer.Builder configure() {
        settings();
        Map<String, String> flags = new HashMap<>();
        SettingOptions.given(spec, verbName()).forEach((setting, value) -> flags.put(setting.flag(), value));
        return ExoquicConfigurer.configure().environment(parent.env()).commandLine(flags).progress(progress());
    }

    /** Where the library's progress lines (waits, retries) go: stderr, one line each, as they happen. */
    Consumer<String> progress() {
        PrintWriter err = err();
        return message -> {
            statusLine().clear();
            err.println(message);
            err.flush();
        };
    }

    /** The line a verb may show on a terminal while it works (see {@link ExoquicCommand#terminal()}). */
    StatusLine statusLine() {
        if (statusLine == null) {
            statusLine = new StatusLine(err());
        }
        return statusLine;
    }
}
