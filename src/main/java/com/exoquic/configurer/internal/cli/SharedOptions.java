package com.exoquic.configurer.internal.cli;

import picocli.CommandLine.Option;

/** The output options every verb takes; the setting flags come from {@link SettingOptions}. */
public final class SharedOptions {
    @Option(names = "--json", description = "Print the result as one JSON document on stdout.")
    boolean json;
    @Option(names = "--verbose", description = "Log details and show stack traces.")
    boolean verbose;
}
