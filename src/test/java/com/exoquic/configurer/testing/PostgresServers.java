package com.exoquic.configurer.testing;

import org.testcontainers.DockerClientFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the provider ({@code -Dpg.provider=local|testcontainers|auto}) and the major version
 * ({@code -Dpg.version}, default 17). Auto takes Testcontainers where a Docker engine answers.
 *
 * <p>A server starts with {@code wal_level = logical} and then the given postgresql.conf lines (a later line wins):
 * pass {@link ServerConfig#WAL_LEVEL_REPLICA} for a server the tool still has to configure.
 */
public final class PostgresServers {
    private static Boolean dockerAvailable;

    private PostgresServers() {
    }

    public static int defaultVersion() {
        return Integer.parseInt(System.getProperty("pg.version", "17"));
    }

    public static PostgresServer start(List<String> config) {
        return start(defaultVersion(), config);
    }

    public static PostgresServer start(int major, List<String> config) {
        String provider = System.getProperty("pg.provider", "auto");
        boolean containers = provider.equals("testcontainers") || (provider.equals("auto") && docker());
        return containers ? ContainerPostgresServer.start(major, config) : LocalPostgresServer.start(major, config);
    }

    /**
     * The postgresql.conf lines of a server: {@code wal_level = logical}, then {@code config}. Where the last
     * wal_level line of {@code config} is {@link ServerConfig#WAL_LEVEL_REPLICA}, the server gets no wal_level line
     * at all, as a fresh server (tests look for wal_level in pg_file_settings).
     */
    static List<String> withDefaults(List<String> config) {
        List<String> walLevels = config.stream().filter(line -> line.matches("\\s*wal_level\\s*=.*")).toList();
        if (!walLevels.isEmpty() && walLevels.get(walLevels.size() - 1).equals(ServerConfig.WAL_LEVEL_REPLICA)) {
            return config.stream().filter(line -> !walLevels.contains(line)).toList();
        }
        List<String> lines = new ArrayList<>(List.of(ServerConfig.WAL_LEVEL_LOGICAL));
        lines.addAll(config);
        return lines;
    }

    private static synchronized boolean docker() {
        if (dockerAvailable == null) {
            // Testcontainers logs an ERROR for every strategy it tries when there is no engine: ask it only where
            // one may be configured (a socket, DOCKER_HOST or a Testcontainers configuration).
            if (!dockerConfigured()) {
                return dockerAvailable = false;
            }
            try {
                dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                dockerAvailable = false;
            }
        }
        return dockerAvailable;
    }

    private static boolean dockerConfigured() {
        String home = System.getProperty("user.home");
        return System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".docker", "run", "docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".testcontainers.properties"));
    }
}
