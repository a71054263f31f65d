package com.exoquic.configurer.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A hot standby of a test server, made as from a cold backup (the server builds have no pg_basebackup): the primary
 * stops, its data directory is copied, the copy gets standby.signal and a primary_conninfo (it streams from the
 * primary) and starts on a port of its own, and the primary starts again. Works with any server whose data directory
 * and binaries are on this machine (not a container's): otherwise the test is skipped.
 */
public final class HotStandby implements AutoCloseable {
    private final Path base;
    private final Path data;
    private final Path bin;
    private final String owner;
    private final String host;
    private final int port;

    private HotStandby(Path base, Path bin, String owner, String host, int port) {
        this.base = base;
        this.data = base.resolve("data");
        this.bin = bin;
        this.owner = owner;
        this.host = host;
        this.port = port;
    }

    /** Stops {@code primary}, copies it into a started standby, starts {@code primary} again. */
    public static HotStandby of(PostgresServer primary) {
        Path primaryData = Path.of(setting(primary, "SHOW data_directory"));
        Path bin = Path.of(setting(primary, "SELECT setting FROM pg_config WHERE name = 'BINDIR'"));
        Assumptions.assumeTrue(Files.isDirectory(primaryData) && Files.isExecutable(bin.resolve("pg_ctl")),
                "the primary's data directory and binaries are not on this machine");
        try {
            String owner = Files.getOwner(primaryData).getName();
            Path base = Files.createTempDirectory("exoquic-standby-");
            Files.setOwner(base, Files.getOwner(primaryData));
            HotStandby standby = new HotStandby(base, bin, owner, primary.host(), freePort());
            primary.stop();
            try {
                run(List.of("cp", "-a", primaryData.toString(), standby.data.toString()), null);
            } finally {
                primary.start();
            }
            Files.deleteIfExists(standby.data.resolve("postmaster.pid"));
            Files.writeString(standby.data.resolve("standby.signal"), "");
            Files.write(standby.data.resolve("postgresql.conf"), List.of(
                    "port = " + standby.port,
                    "hot_standby = on",
                    "primary_conninfo = 'host=" + primary.host() + " port=" + primary.port() + " user="
                            + PostgresServer.SUPERUSER + " password=" + PostgresServer.SUPERUSER_PASSWORD + "'"),
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            standby.pgCtl("start", "-w", "-t", "60", "-l", base.resolve("standby.log").toString());
            return standby;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                pgCtl("stop", "-w", "-t", "30", "-m", "immediate");
            }
        } finally {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // best effort: a temporary directory
            }
        }
    }

    private void pgCtl(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), action, "-D", data.toString()));
        command.addAll(List.of(options));
        run(command, owner);
    }

    /** Runs {@code command}, as {@code user} when this JVM runs as root and another user owns the server. */
    private static void run(List<String> command, String user) {
        List<String> full = new ArrayList<>();
        if (user != null && "root".equals(System.getProperty("user.name")) && !user.equals("root")) {
            full.addAll(List.of("runuser", "-u", user, "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", full) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String setting(PostgresServer server, String sql) {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
