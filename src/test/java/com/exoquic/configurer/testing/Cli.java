package com.exoquic.configurer.testing;

import com.exoquic.configurer.internal.cli.ExoquicCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with a given environment, capturing stdout and stderr. */
public final class Cli {
    public static final String REPLICATION_PASSWORD = "Rep'l \"pw\" \\ ; $$ ünï-42";

    private Cli() {
    }

    /** Environment pointing at the test server as superuser, with a tricky replication password. */
    public static Map<String, String> env(PostgresServer server, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", server.host());
        env.put("PGPORT", Integer.toString(server.port()));
        env.put("PGUSER", PostgresServer.SUPERUSER);
        env.put("PGPASSWORD", PostgresServer.SUPERUSER_PASSWORD);
        env.put("PGDATABASE", database);
        env.put("EXOQUIC_REPLICATION_PASSWORD", REPLICATION_PASSWORD);
        env.put("EXOQUIC_CONNECT_ATTEMPTS", "1");
        return env;
    }

    /** Runs the CLI as from a script or a log: not on a terminal. */
    public static Result run(Map<String, String> env, String... args) {
        return run(env, false, args);
    }

    /** Runs the CLI as a person at a terminal would; the output is captured all the same. */
    public static Result runOnTerminal(Map<String, String> env, String... args) {
        return run(env, true, args);
    }

    private static Result run(Map<String, String> env, boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ExoquicCommand.commandLine(env, args, terminal);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
