package com.exoquic.configurer.testing;

import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The provider where a Docker engine is present: the official postgres image via Testcontainers. */
final class ContainerPostgresServer implements PostgresServer {
    private final int major;
    private final PostgreSQLContainer container;

    private ContainerPostgresServer(int major, List<String> config) {
        this.major = major;
        List<String> command = new ArrayList<>(List.of("postgres", "-c", "fsync=off", "-c", "log_line_prefix=%m [%p] app=%a "));
        for (String line : PostgresServers.withDefaults(config)) {
            command.add("-c");
            command.add(line.replaceAll("\\s*=\\s*'?([^']*)'?$", "=$1"));
        }
        container = new PostgreSQLContainer("postgres:" + major)
                .withUsername(SUPERUSER).withPassword(SUPERUSER_PASSWORD)
                .withCommand(command.toArray(String[]::new));
    }

    static ContainerPostgresServer start(int major, List<String> config) {
        ContainerPostgresServer server = new ContainerPostgresServer(major, config);
        server.container.start();
        return server;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(5432);
    }

    @Override
    public int majorVersion() {
        return major;
    }

    @Override
    public void configure(String name, String value) {
        // ALTER SYSTEM persists in the container's data directory and applies on restart.
        execute("postgres", "ALTER SYSTEM SET " + name + " = '" + value.replace("'", "''") + "'");
    }

    @Override
    public void restart() {
        try {
            container.execInContainer("su", "postgres", "-c", "pg_ctl restart -D \"$PGDATA\" -m fast -w");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("stopping a container server is not supported; use the local provider");
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("use the local provider");
    }

    @Override
    public List<String> logLines() {
        return List.of(container.getLogs().split("\n"));
    }

    @Override
    public void close() {
        container.stop();
    }
}
