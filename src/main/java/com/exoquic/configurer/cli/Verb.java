package com.exoquic.configurer.cli;

import com.exoquic.configurer.config.Setting;
import com.exoquic.configurer.config.Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Set;
import java.util.function.Consumer;

/** What every verb shares: the top command (for the environment), its writers, and the shared options. */
abstract class Verb {
    @ParentCommand
    ExoquicCommand parent;
    @Spec
    CommandSpec spec;
    @Mixin
    SharedOptions shared = new SharedOptions();

    Settings settings(Set<Setting> required) {
        return shared.settings(parent.env(), required);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Where the library's progress lines (waits, retries) go: stderr, one line each, as they happen. */
    Consumer<String> progress() {
        PrintWriter err = err();
        return message -> {
            err.println(message);
            err.flush();
        };
    }
}
