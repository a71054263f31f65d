package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.internal.config.BadValue;
import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.config.SettingsDocumentation;
import com.exoquic.configurer.internal.config.VerbName;
import com.exoquic.configurer.testing.Cli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each verb takes exactly the flags of the settings it reads, documented from {@link Setting}. */
@Tag("unit")
class VerbOptionsTest {
    private static final Set<String> EVERY_VERB = Set.of("--help", "--version", "--json", "--verbose");
    private static final Set<String> CONNECTION = Set.of("--host", "--port", "--user", "--password-file",
            "--database", "--sslmode", "--url", "--connect-attempts", "--connect-timeout");
    private static final Set<String> NAMES = Set.of("--replication-user", "--publication", "--slot");
    private static final Set<String> CLOUD = Set.of("--api-key-file", "--cloud-url", "--env", "--public-host",
            "--cloud-connect-timeout", "--cloud-request-timeout");
    private static final Set<String> SLOT_HEALTH = Set.of("--recreate-lost-slot", "--max-slot-wal-keep-size",
            "--idle-slot-timeout");

    /** Written out by hand on purpose: a change to Setting's verbs must show up here as a decision. */
    static Stream<Arguments> expectedOptions() {
        return Stream.of(
                arguments(VerbName.MIGRATE, union(CONNECTION, NAMES, CLOUD, Set.of("--replication-password-file",
                        "--tables", "--lock-timeout", "--slot-timeout", "--failover-slot", "--adopt", "--no-ddl-guard",
                        "--rotate-replication-password", "--dry-run", "--wait-for-restart", "--allow-insecure-cloud-url"),
                        SLOT_HEALTH)),
                arguments(VerbName.VALIDATE, union(CONNECTION, NAMES,
                        Set.of("--replication-password-file", "--tables", "--failover-slot", "--adopt", "--no-ddl-guard",
                                "--rotate-replication-password"), SLOT_HEALTH)),
                arguments(VerbName.REGISTER, union(NAMES, CLOUD, Set.of("--host", "--port", "--database", "--url",
                        "--replication-password-file", "--dry-run", "--allow-insecure-cloud-url"))),
                arguments(VerbName.INFO, union(CONNECTION, NAMES, Set.of("--tables", "--no-ddl-guard"))),
                arguments(VerbName.EXPORT, union(CONNECTION, NAMES, Set.of("--tables", "--no-ddl-guard", "--dir", "--only"))),
                arguments(VerbName.STATUS, union(CONNECTION, Set.of("--slot", "--max-retained-wal", "--format"))),
                arguments(VerbName.TEARDOWN, union(CONNECTION, NAMES, Set.of("--yes", "--force", "--reset-settings"))));
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... parts) {
        Set<String> all = new TreeSet<>(EVERY_VERB);
        for (Set<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static CommandSpec verb(VerbName verb) {
        return ExoquicCommand.commandLine(Map.of()).getSubcommands().get(verb.command()).getCommandSpec();
    }

    private static Set<String> longNames(CommandSpec spec) {
        return spec.options().stream().map(OptionSpec::longestName).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedOptions")
    void eachVerbHasExactlyItsOptions(VerbName verb, Set<String> expected) {
        assertThat(longNames(verb(verb))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyVerbIsCovered() {
        assertThat(expectedOptions().map(arguments -> arguments.get()[0]))
                .containsExactlyInAnyOrder((Object[]) VerbName.values());
        assertThat(ExoquicCommand.commandLine(Map.of()).getSubcommands().keySet())
                .containsAll(Stream.of(VerbName.values()).map(VerbName::command).toList());
    }

    /** A run builds the verb it runs only; help, a flag or a typo gets every verb, so usage and suggestions stay whole. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(VerbName.class)
    void aRunBuildsOnlyItsVerbWithTheSameOptions(VerbName verb) {
        CommandLine run = ExoquicCommand.commandLine(Map.of(), new String[] {verb.command(), "--json"});
        assertThat(run.getSubcommands().keySet()).containsExactly(verb.command());
        assertThat(longNames(run.getSubcommands().get(verb.command()).getCommandSpec()))
                .isEqualTo(longNames(verb(verb)));
        Set<String> all = ExoquicCommand.commandLine(Map.of()).getSubcommands().keySet();
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"help", verb.command()},
                new String[] {"migrat"}, new String[] {"--version"})) {
            assertThat(ExoquicCommand.commandLine(Map.of(), args).getSubcommands().keySet())
                    .as(String.join(" ", args)).isEqualTo(all);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(VerbName.class)
    void helpShowsEachSettingsVariableAndDefault(VerbName verb) {
        CommandSpec spec = verb(verb);
        for (Setting setting : Setting.forVerb(verb)) {
            OptionSpec option = spec.findOption(setting.flag());
            String help = String.join(" ", option.description());
            assertThat(help).as(setting.flag())
                    .contains(setting.envName(), "default " + SettingsDocumentation.defaultText(setting));
            assertThat(option.arity().max).isEqualTo(setting.isSwitch() ? 0 : 1);
        }
        String usage = spec.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
        Setting.forVerb(verb).forEach(setting -> assertThat(usage).contains(setting.envName()));
    }

    @Test
    void theTopLevelFooterListsEveryVariable() {
        String usage = ExoquicCommand.commandLine(Map.of()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (Setting setting : Setting.values()) {
            assertThat(usage).contains(setting.envName());
        }
    }

    @Test
    void flagValuesReachTheLoaderAndASwitchMeansTrue() {
        CommandLine commandLine = ExoquicCommand.commandLine(Map.of());
        commandLine.parseArgs("migrate", "--port", "6000", "--failover-slot", "--api-key-file", "/k");
        CommandSpec migrate = commandLine.getSubcommands().get("migrate").getCommandSpec();
        assertThat(SettingOptions.given(migrate, VerbName.MIGRATE)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Setting.PORT, "6000", Setting.FAILOVER_SLOT, "true", Setting.API_KEY, "/k"));
    }

    @Test
    void aNoFlagMeansFalse() {
        CommandLine commandLine = ExoquicCommand.commandLine(Map.of());
        commandLine.parseArgs("migrate", "--no-ddl-guard");
        CommandSpec migrate = commandLine.getSubcommands().get("migrate").getCommandSpec();
        assertThat(SettingOptions.given(migrate, VerbName.MIGRATE)).containsExactlyEntriesOf(Map.of(
                Setting.DDL_GUARD, "false"));
    }

    @Test
    void aFlagTheVerbDoesNotTakeIsBadUsage() {
        Cli.Result result = Cli.run(Map.of(), "status", "--api-key-file", "/k");
        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option", "--api-key-file");
    }

    /** Every verb, every setting flag (or variable, for a switch): a bad value stops it with exit 2, named. */
    static Stream<Arguments> badValues() {
        List<Arguments> cases = new ArrayList<>();
        for (VerbName verb : VerbName.values()) {
            for (Setting setting : Setting.forVerb(verb)) {
                if (BadValue.of(setting) != null) {
                    cases.add(arguments(verb, setting));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badValues")
    void aBadValueStopsTheVerbWithTheNamedProblem(VerbName verb, Setting setting) {
        BadValue bad = BadValue.of(setting);
        List<String> args = new ArrayList<>(List.of(verb.command()));
        Map<String, String> env = new HashMap<>();
        String named;
        if (bad.flagValue() != null) {
            args.addAll(List.of(setting.flag(), bad.flagValue()));
            named = setting.flag();
        } else {
            env.put(setting.envName(), bad.envValue());
            named = setting.envName();
        }
        if (verb == VerbName.EXPORT) {
            args.addAll(List.of("--dir", "target/never-written"));
        }
        Cli.Result result = Cli.run(env, args.toArray(String[]::new));
        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("nothing was changed", named).contains(bad.says())
                .doesNotContain(bad.neverSays());
    }
}
