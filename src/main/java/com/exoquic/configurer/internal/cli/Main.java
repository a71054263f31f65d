package com.exoquic.configurer.internal.cli;


import java.util.Arrays;

/** The command-line entry point of the fat jar and the Docker image. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        // Logs go to stderr, so stdout carries only the report (or JSON). Flyway's own chatter only with --verbose.
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", verbose ? "info" : "error");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.exit(ExoquicCommand.commandLine(System.getenv(), args).execute(args));
    }
}
