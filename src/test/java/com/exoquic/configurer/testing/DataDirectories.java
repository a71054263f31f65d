package com.exoquic.configurer.testing;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where local servers keep their data, and the template each data directory is copied from: initdb runs once per
 * major version per JVM, and every server of that version starts from a copy of the template (each copy is a
 * server of its own: data, roles, settings, slots; copies share only the superuser's password and the system
 * identifier).
 *
 * <p>Data directories go to {@code -Dpg.data.root} if given, else to {@code /dev/shm} where it is a RAM disk with
 * {@value #RAM_DISK_ROOM_GB} GB free, else to the temp directory. On these machines' disk, writing and deleting a
 * 40 MB data directory costs about 0.6 s of CPU (initdb about 1.3 s); in RAM a copy costs about 0.1 s.
 */
final class DataDirectories {
    private static final int RAM_DISK_ROOM_GB = 2;
    /**
     * The superuser's password is stored hashed once instead of PostgreSQL's 4,096 times: every login as superuser
     * (the harness's and the tool's) repeats that hashing on the client, which was 80 % of a test JVM's CPU. Logins
     * still run the whole SCRAM-SHA-256 exchange; passwords the tool sets keep PostgreSQL's iteration count.
     */
    private static final int SUPERUSER_ITERATIONS = 1;
    static final Path ROOT = root();
    private static final Map<Integer, Path> TEMPLATES = new HashMap<>();

    private DataDirectories() {
    }

    /** A new directory for one server (or template), given to the server's user. */
    static Path create(String prefix) throws IOException {
        Path base = Files.createTempDirectory(ROOT, prefix);
        ServerUser.own(base);
        return base;
    }

    /** Copies the template of {@code major} (made on first use with {@code bin}'s initdb) to {@code data}. */
    static void copyTemplate(int major, Path bin, Path data) throws IOException {
        Path template = template(major, bin);
        // cp -a keeps the data directory's mode 0700, which postgres checks.
        ServerUser.run(List.of("cp", "-a", template.toString(), data.toString()), () -> "");
    }

    private static synchronized Path template(int major, Path bin) throws IOException {
        Path data = TEMPLATES.get(major);
        if (data == null) {
            Path base = create("exoquic-pg-template-" + major + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LocalPostgresServer.deleteRecursively(base)));
            Path passwordFile = base.resolve("pwfile");
            Files.writeString(passwordFile, PostgresServer.SUPERUSER_PASSWORD + "\n");
            ServerUser.own(base);
            data = base.resolve("data");
            ServerUser.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", PostgresServer.SUPERUSER,
                    "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"), () -> "");
            ServerCounts.INITDB.incrementAndGet();
            storeSuperuserPasswordHashedOnce(bin, data);
            TEMPLATES.put(major, data);
        }
        return data;
    }

    /** In a single-user backend: initdb before PostgreSQL 14 hashes even a verifier given as its --pwfile. */
    private static void storeSuperuserPasswordHashedOnce(Path bin, Path data) {
        String verifier = ScramVerifier.of(PostgresServer.SUPERUSER_PASSWORD, SUPERUSER_ITERATIONS);
        String output = ServerUser.run(List.of(bin.resolve("postgres").toString(), "--single", "-D", data.toString(),
                        "postgres"),
                "ALTER ROLE \"" + PostgresServer.SUPERUSER + "\" PASSWORD '" + verifier + "'\n", () -> "");
        if (output.contains("ERROR")) {
            throw new IllegalStateException("setting the superuser's password failed:\n" + output);
        }
    }

    private static Path root() {
        String configured = System.getProperty("pg.data.root", "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            Path shm = Path.of("/dev/shm");
            if (Files.isDirectory(shm) && Files.isWritable(shm)) {
                FileStore store = Files.getFileStore(shm);
                if (store.type().equals("tmpfs") && store.getUsableSpace() >= RAM_DISK_ROOM_GB * (1L << 30)) {
                    return shm;
                }
            }
        } catch (IOException e) {
            // no RAM disk to use
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
