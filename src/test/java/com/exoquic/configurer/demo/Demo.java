package com.exoquic.configurer.demo;

import com.exoquic.configurer.internal.cli.ExoquicCommand;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.PostgresServers;
import com.exoquic.configurer.testing.ServerConfig;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A walk through migrate against a throwaway PostgreSQL server: the first run stops at the restart
 * (exit 3), the second finishes (exit 0), a third is a no-op. Run it with {@code ./demo}.
 */
public final class Demo {
    private static final String DATABASE = "shop";
    private static final String DEMO_REPLICATION_PASSWORD = "demo-replication-pw";

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        // Logs to stderr, Flyway quiet: stdout shows the CLI's own output, as from the jar.
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "error");
        // Without Docker the harness falls back to a local server; Testcontainers' probe need not shout about it.
        System.setProperty("org.slf4j.simpleLogger.log.org.testcontainers.dockerclient", "off");

        int failures = 0;
        banner("Starting a throwaway PostgreSQL " + PostgresServers.defaultVersion() + " server");
        PostgresServer server = PostgresServers.start(List.of(ServerConfig.WAL_LEVEL_REPLICA));
        try {
            System.out.println("listening on " + server.host() + ":" + server.port());

            banner("Creating database '" + DATABASE + "' with two tables (events has no primary key)");
            server.createDatabase(DATABASE);
            String[] ddl = {
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, customer text NOT NULL, total numeric(10,2))",
                "CREATE TABLE public.events (at timestamptz NOT NULL DEFAULT now(), kind text, payload jsonb)",
                "INSERT INTO public.orders VALUES (1, 'ada', 42.00), (2, 'grace', 7.50)",
                "INSERT INTO public.events (kind, payload) VALUES ('signup', '{\"user\": \"ada\"}')"};
            for (String sql : ddl) {
                System.out.println("  " + sql + ";");
            }
            server.execute(DATABASE, ddl);

            Map<String, String> env = new HashMap<>();
            env.put("PGHOST", server.host());
            env.put("PGPORT", Integer.toString(server.port()));
            env.put("PGUSER", PostgresServer.SUPERUSER);
            env.put("PGPASSWORD", PostgresServer.SUPERUSER_PASSWORD);
            env.put("PGDATABASE", DATABASE);
            env.put("EXOQUIC_REPLICATION_PASSWORD", DEMO_REPLICATION_PASSWORD);

            failures += run(env, 3, "migrate");

            banner("Restarting PostgreSQL (what you would do in your provider's dashboard)");
            server.restart();
            System.out.println("restarted");

            failures += run(env, 0, "migrate");

            banner("SELECT * FROM exoquic.status");
            printStatus(server);

            failures += run(env, 0, "migrate", "--json");
        } finally {
            banner("Stopping the server and deleting its data directory");
            server.close();
        }
        System.out.println();
        if (failures > 0) {
            System.out.println("DEMO FAILED: " + failures + " step(s) exited with an unexpected status.");
            System.exit(1);
        }
        System.out.println("Demo complete.");
    }

    private static int run(Map<String, String> env, int expected, String... args) {
        banner("exoquic-configurer " + String.join(" ", args) + "   (expect exit " + expected + ")");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exit = ExoquicCommand.commandLine(env).setOut(out).setErr(err).execute(args);
        out.flush();
        err.flush();
        System.out.println("=> exit " + exit + (exit == expected ? "" : " (expected " + expected + ")"));
        return exit == expected ? 0 : 1;
    }

    private static void printStatus(PostgresServer server) throws Exception {
        try (Connection connection = server.connect(DATABASE);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM exoquic.status")) {
            ResultSetMetaData meta = rs.getMetaData();
            int rows = 0;
            while (rs.next()) {
                rows++;
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    System.out.printf("  %-32s %s%n", meta.getColumnLabel(i), rs.getString(i));
                }
            }
            System.out.println("(" + rows + " row" + (rows == 1 ? "" : "s") + ")");
        }
    }

    private static void banner(String title) {
        System.out.println();
        System.out.println("==> " + title);
    }
}
