package com.exoquic.configurer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The user that runs the server's programs: initdb and postgres refuse root, so as root they run as {@code nobody}. */
final class ServerUser {
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final String RUN_AS = "nobody";

    private ServerUser() {
    }

    /** Runs a program as the server's user; a failure names the command, its output and {@code details}. */
    static void run(List<String> command, Supplier<String> details) {
        run(command, "", details);
    }

    /** Runs a program as the server's user with {@code input} on its stdin, and returns its output. */
    static String run(List<String> command, String input, Supplier<String> details) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", RUN_AS, "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", full) + "\n" + output + details.get());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As root, gives {@code dir} and what it directly holds to the server's user. */
    static void own(Path dir) throws IOException {
        if (!ROOT) {
            return;
        }
        UserPrincipal user = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(RUN_AS);
        Files.getFileAttributeView(dir, PosixFileAttributeView.class).setOwner(user);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.getFileAttributeView(file, PosixFileAttributeView.class).setOwner(user);
            }
        }
    }
}
