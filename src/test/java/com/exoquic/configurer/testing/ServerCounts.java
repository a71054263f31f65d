package com.exoquic.configurer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the local servers of this JVM cost: initdb runs, servers, starts and restarts. At exit one line goes to
 * {@code target/server-counts/<pid>.txt} (one file per test JVM), so a change to the harness or to the tests can be
 * compared by counts as well as by time.
 */
final class ServerCounts {
    static final AtomicInteger INITDB = new AtomicInteger();
    static final AtomicInteger SERVERS = new AtomicInteger();
    static final AtomicInteger STARTS = new AtomicInteger();
    static final AtomicInteger RESTARTS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ServerCounts::write, "server counts"));
    }

    private ServerCounts() {
    }

    private static void write() {
        String line = "initdb " + INITDB + ", servers " + SERVERS + ", starts " + STARTS + ", restarts " + RESTARTS + "\n";
        Path dir = Path.of(System.getProperty("project.basedir", "."), "target", "server-counts");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(ProcessHandle.current().pid() + ".txt"), line, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.print("server counts: " + line);
        }
    }
}
