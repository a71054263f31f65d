package com.exoquic.configurer.internal.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --help} wraps at spaces only: every word of every option's description (URLs, patterns, quoted names) stays whole. */
@Tag("unit")
class HelpWrappingTest {

    @Test
    void everyWordOfEveryOptionDescriptionIsPrintedWhole() {
        CommandLine root = ExoquicCommand.commandLine(Map.of());
        int checked = 0;
        java.util.List<CommandLine> verbs = new java.util.ArrayList<>();
        for (CommandLine verb : root.getSubcommands().values()) {
            verbs.add(verb);
            verbs.addAll(verb.getSubcommands().values()); // fleet migrate, fleet validate, fleet status
        }
        for (CommandLine verb : verbs) {
            String usage = verb.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (OptionSpec option : verb.getCommandSpec().options()) {
                // picocli formats descriptions: "%%" shows as "%".
                for (String word : String.join(" ", option.description()).replace("%%", "%").split("\\s+")) {
                    assertThat(usage).as(verb.getCommandName() + " --help, option " + option.longestName()).contains(word);
                    checked++;
                }
            }
            assertThat(usage.lines().filter(line -> line.length() > ExoquicCommand.HELP_WIDTH && line.strip().contains(" ")))
                    .as(verb.getCommandName() + " --help lines wider than " + ExoquicCommand.HELP_WIDTH).isEmpty();
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(root.getSubcommands().get("migrate").getUsageMessage(CommandLine.Help.Ansi.OFF))
                .contains("postgres://user:pass@host:port/db?sslmode=...", "\"Sales\".\"Order Items\"", "[a-z0-9_]{1,63}");
    }
}
