package com.exoquic.configurer.cli;

import com.exoquic.configurer.config.Setting;
import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.config.SettingsLoader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The options every verb takes: connection, configuration, output. */
public final class SharedOptions {
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();
    @Mixin
    ExoquicOptions exoquic = new ExoquicOptions();
    @Option(names = "--json", description = "Print the result as one JSON document on stdout.")
    boolean json;
    @Option(names = "--verbose", description = "Log details and show stack traces.")
    boolean verbose;

    Settings settings(Map<String, String> env, Set<Setting> required) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        connection.putInto(flags);
        exoquic.putInto(flags);
        return SettingsLoader.load(flags, env, required);
    }
}
