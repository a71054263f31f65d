package com.exoquic.configurer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * initdb once per major version per JVM: every server of that version starts from a copy of the template's data
 * directory (initdb takes 0.5 to 1 s, a copy of its 40 MB about 0.06 s). Each copy is a server of its own (data,
 * roles, settings, slots); they share only the superuser's password and the system identifier.
 */
final class DataDirectoryTemplates {
    private static final Map<Integer, Path> TEMPLATES = new HashMap<>();

    private DataDirectoryTemplates() {
    }

    /** Copies the template of {@code major} (made on first use with {@code bin}'s initdb) to {@code data}. */
    static void copy(int major, Path bin, Path data) throws IOException {
        Path template = template(major, bin);
        // cp -a keeps the owner (the server's user) and the data directory's mode 0700, which postgres checks.
        ServerUser.run(List.of("cp", "-a", template.toString(), data.toString()), () -> "");
    }

    private static synchronized Path template(int major, Path bin) throws IOException {
        Path data = TEMPLATES.get(major);
        if (data == null) {
            Path base = Files.createTempDirectory("exoquic-pg-template-" + major + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LocalPostgresServer.deleteRecursively(base)));
            Path passwordFile = base.resolve("pwfile");
            Files.writeString(passwordFile, PostgresServer.SUPERUSER_PASSWORD + "\n");
            ServerUser.own(base);
            data = base.resolve("data");
            ServerUser.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", PostgresServer.SUPERUSER,
                    "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"), () -> "");
            ServerCounts.INITDB.incrementAndGet();
            TEMPLATES.put(major, data);
        }
        return data;
    }
}
