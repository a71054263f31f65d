package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.internal.config.SettingsDocumentation;
import com.exoquic.configurer.internal.config.VerbName;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "exoquic-configurer",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Prepares a PostgreSQL database for change-data-capture by Exoquic.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done",
            "  1  failed (a re-run after fixing the cause converges)",
            "  2  bad usage, configuration or preflight finding; nothing was changed",
            "  3  migrate did everything it can; restart the server, then run migrate again",
            "  4  status found a problem",
            "  (fleet: see fleet --help)"})
public final class ExoquicCommand implements Runnable {
    /** The verbs, in the order help lists them. */
    private static final List<Class<?>> VERBS = List.of(MigrateCommand.class, InfoCommand.class, ValidateCommand.class,
            StatusCommand.class, TeardownCommand.class, ExportCommand.class, RegisterCommand.class, FleetCommand.class,
            CommandLine.HelpCommand.class);

    private final Map<String, String> env;
    private final boolean terminal;

    @CommandLine.Spec
    CommandSpec spec;

    public ExoquicCommand(Map<String, String> env, boolean terminal) {
        this.env = Map.copyOf(env);
        this.terminal = terminal;
    }

    Map<String, String> env() {
        return env;
    }

    /** Whether a person watches the output as it comes (a terminal), rather than a log or a pipe reading it. */
    boolean terminal() {
        return terminal;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** picocli's default; the option list is wrapped by {@link OptionList}. */
    static final int HELP_WIDTH = 80;

    /** The configured command line with every verb (for help, and tests of the whole tree). */
    public static CommandLine commandLine(Map<String, String> env) {
        return commandLine(env, false, VERBS);
    }

    /**
     * The command line to run {@code args} with: when they start with a verb's name, the top command and that verb
     * only, since picocli's model of every verb and its options costs about a fifth of a second at every start.
     * Anything else (help, a version flag, a typo) gets every verb, so usage and suggestions stay complete.
     */
    public static CommandLine commandLine(Map<String, String> env, String[] args) {
        return commandLine(env, args, System.console() != null);
    }

    /** As {@link #commandLine(Map, String[])}, saying whether the output goes to a terminal. */
    public static CommandLine commandLine(Map<String, String> env, String[] args, boolean terminal) {
        for (Class<?> verb : VERBS) {
            if (args.length > 0 && verb != CommandLine.HelpCommand.class
                    && verb.getAnnotation(Command.class).name().equals(args[0])) {
                return commandLine(env, terminal, List.of(verb));
            }
        }
        return commandLine(env, terminal, VERBS);
    }

    private static CommandLine commandLine(Map<String, String> env, boolean terminal, List<Class<?>> verbs) {
        CommandLine commandLine = new CommandLine(new ExoquicCommand(env, terminal));
        for (Class<?> verb : verbs) {
            commandLine.addSubcommand(verb);
        }
        commandLine.setExecutionExceptionHandler(ExoquicCommand::handle);
        commandLine.setUsageHelpWidth(HELP_WIDTH);
        for (CommandLine verb : commandLine.getSubcommands().values()) {
            if (verb.getCommand() instanceof Verb) {
                SettingOptions.addTo(verb.getCommandSpec(), VerbName.of(verb.getCommandName()));
            }
            if (verb.getCommand() instanceof FleetCommand) {
                FleetCommand.addSettingOptions(verb);
            }
        }
        appendToFooter(commandLine.getCommandSpec(), SettingsDocumentation.environmentFooter());
        // Options wrapped at spaces only, never inside a URL or a pattern.
        for (CommandLine each : withSubcommands(commandLine)) {
            each.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                    new OptionList(HELP_WIDTH));
        }
        return commandLine;
    }

    private static void appendToFooter(CommandSpec spec, List<String> lines) {
        List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        footer.add("");
        footer.addAll(lines);
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }

    // One clear line for the user; the stack trace only with --verbose.
    private static int handle(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose"));
        if (failure instanceof ConfigurerException configurer) {
            err.println("error: " + configurer.getMessage());
            if (verbose && configurer.getCause() != null) {
                configurer.printStackTrace(err);
            }
            err.flush();
            return configurer.code().exitCode();
        }
        err.println("error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage()
                + (verbose ? "" : " (run with --verbose for details)"));
        if (verbose) {
            failure.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    private static java.util.List<CommandLine> withSubcommands(CommandLine commandLine) {
        java.util.List<CommandLine> all = new java.util.ArrayList<>(java.util.List.of(commandLine));
        for (CommandLine verb : commandLine.getSubcommands().values()) {
            all.add(verb);
            all.addAll(verb.getSubcommands().values());
        }
        return all;
    }
}
