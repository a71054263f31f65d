package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** What the fleet tests share: tenant databases made from a small template, a target file, a session sampler. */
final class Fleet {
    static final String TEMPLATE = "fleet_template";

    private Fleet() {
    }

    /** {@code count} databases {@code prefix_1 ...} copied from a template with two keyed and two keyless tables. */
    static List<String> tenants(PostgresServer server, String prefix, int count) {
        if (new Catalog(server, "postgres").column("SELECT 1 FROM pg_database WHERE datname = '" + TEMPLATE + "'")
                .isEmpty()) {
            server.createDatabase(TEMPLATE);
            server.execute(TEMPLATE, "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric)",
                    "CREATE TABLE public.events (at timestamptz, payload text)",
                    "CREATE SCHEMA sales",
                    "CREATE TABLE sales.customers (id int PRIMARY KEY, name text)",
                    "CREATE TABLE sales.audit (at timestamptz, what text)");
        }
        List<String> names = new ArrayList<>();
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            for (int i = 1; i <= count; i++) {
                String name = prefix + "_" + i;
                // FILE_COPY (15+) copies the few files of a small template, faster than writing them to WAL.
                statement.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE
                        + (server.majorVersion() >= 15 ? " STRATEGY FILE_COPY" : ""));
                names.add(name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    /** The URL of a database, with the admin's password in it (a target file may hold one; it is never shown). */
    static String url(PostgresServer server, String database) {
        return url(server.host(), server.port(), database);
    }

    static String url(String host, int port, String database) {
        return "postgres://" + PostgresServer.SUPERUSER + ":" + PostgresServer.SUPERUSER_PASSWORD + "@" + host + ":"
                + port + "/" + database;
    }

    static Path targets(Path dir, List<String> lines) {
        try {
            Path file = dir.resolve("targets.txt");
            Files.write(file, lines);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment the fleet runs with: the replication password, and no database of its own. */
    static Map<String, String> env(PostgresServer server) {
        Map<String, String> env = Cli.env(server, "postgres");
        env.remove("PGPASSWORD"); // the target URLs carry it
        return env;
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Samples, on a session of its own, how many sessions the tool holds on the server, keeping the most seen. */
    static final class SessionSampler implements AutoCloseable {
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicInteger samples = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        SessionSampler(PostgresServer server) {
            thread = new Thread(() -> {
                while (running.get()) { // a restart ends the session: sample on with a new one
                    try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                        while (running.get()) {
                            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                                    + " WHERE application_name = 'exoquic-configurer'")) {
                                rs.next();
                                peak.accumulateAndGet(rs.getInt(1), Math::max);
                                samples.incrementAndGet();
                            }
                            Thread.sleep(5);
                        }
                    } catch (SQLException e) {
                        pause();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "session-sampler");
            thread.start();
        }

        private static void pause() {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int peak() {
            return peak.get();
        }

        int samples() {
            return samples.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
