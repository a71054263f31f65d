package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.exoquic.configurer.e2e.Convergence.assertCleanHistory;
import static com.exoquic.configurer.e2e.Convergence.fingerprint;
import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A run that dies at any step boundary (its backends terminated, or the server stopped) leaves a state that a
 * plain re-run mends: the result equals an undisturbed run's, with a clean Flyway history.
 *
 * <p>To hit a boundary deterministically the test makes the tool wait there (an event trigger that waits for an
 * advisory lock the test holds, a lock on pg_authid, or an open transaction slot creation must wait for), and
 * a watcher terminates the tool's backends as soon as one of them waits for a lock.
 */
@ExtendWith(PostgresExtension.class)
class FaultConvergenceTest {
    private static final String TOOL = "exoquic-configurer";
    private static List<String> undisturbed;

    @BeforeAll
    static void undisturbedRun(PostgresServer reference) {
        Convergence.shop(reference);
        walLevelLogical(reference);
        EndToEnd.migrate(Convergence.env(reference));
        undisturbed = fingerprint(reference);
        assertThat(undisturbed).anyMatch(line -> line.startsWith("slots [exoquic_replication_slot pgoutput logical"));
    }

    /** Where the run is stopped; each leaves everything before it committed. */
    enum Boundary {
        /** While Flyway creates its history table (its primary key is added with ALTER TABLE), before anything else. */
        HISTORY_TABLE(Pause.ddl("ALTER TABLE", "flyway_schema_history")),
        /** After the settings, before V1 (its first statement is COMMENT ON SCHEMA exoquic). */
        V1_SCHEMA(Pause.ddl("COMMENT", "COMMENT ON SCHEMA exoquic")),
        /** After V1, before the role is created (R__1 writes pg_authid, nothing earlier does). */
        R1_ROLE(Pause.AUTHID),
        R2_GRANTS(Pause.ddl("GRANT", "GRANT USAGE ON SCHEMA")),
        R3_PUBLICATION(Pause.ddl("CREATE PUBLICATION", "CREATE PUBLICATION")),
        R4_REPLICA_IDENTITY(Pause.ddl("ALTER TABLE", "REPLICA IDENTITY FULL")),
        R5_STATUS_VIEW(Pause.ddl("CREATE VIEW", "CREATE OR REPLACE VIEW exoquic.status")),
        /** After every migration and the password: slot creation waits for a running transaction. */
        SLOT(Pause.RUNNING_TRANSACTION);

        final Pause pause;

        Boundary(Pause pause) {
            this.pause = pause;
        }
    }

    @ParameterizedTest
    @EnumSource(Boundary.class)
    void aRunWhoseBackendsAreTerminatedAtABoundaryIsMendedByAPlainRerun(Boundary boundary, PostgresServer server)
            throws Exception {
        Convergence.shop(server);
        walLevelLogical(server);

        Cli.Result killed;
        try (AutoCloseable paused = boundary.pause.arrange(server)) {
            killed = runUntilPaused(server, () -> terminateToolBackends(server));
        }
        Pause.dropDdlTrigger(server);

        assertThat(killed.exit()).as(killed.toString()).isEqualTo(1);
        assertThat(withoutProgress(killed.err())).as("one clear message that says what happened, no stack trace")
                .startsWith("error: ").contains("connection to the server was lost", "run migrate again")
                .doesNotContain("\tat ");

        EndToEnd.migrate(Convergence.env(server));
        assertThat(fingerprint(server)).isEqualTo(undisturbed);
        assertCleanHistory(server);
    }

    @Test
    @ServerConfig(WAL_LEVEL_REPLICA)
    void aRunKilledRightAfterChangingTheServerSettingsConvergesThroughTheRestart(PostgresServer server) throws Exception {
        Convergence.shop(server);
        Cli.Result killed;
        try (AutoCloseable paused = Pause.ddl("COMMENT", "COMMENT ON SCHEMA exoquic").arrange(server)) {
            killed = runUntilPaused(server, () -> terminateToolBackends(server));
        }
        Pause.dropDdlTrigger(server);
        assertThat(killed.exit()).as(killed.toString()).isEqualTo(1);
        assertThat(new com.exoquic.configurer.testing.Catalog(server, Convergence.DB)
                .value("SELECT setting FROM pg_file_settings WHERE name = 'wal_level'"))
                .as("the settings step had finished").isEqualTo("logical");

        Cli.Result beforeRestart = Cli.run(Convergence.env(server), "migrate");
        assertThat(beforeRestart.exit()).as(beforeRestart.toString()).isEqualTo(3);
        server.restart();
        EndToEnd.migrate(Convergence.env(server));

        assertThat(fingerprint(server)).isEqualTo(undisturbed);
        assertCleanHistory(server);
    }

    @Test
    void aServerStoppedInTheMiddleOfARunIsMendedByAPlainRerunOnceItIsBack(PostgresServer server) throws Exception {
        Convergence.shop(server);
        walLevelLogical(server);
        Cli.Result interrupted;
        try (AutoCloseable paused = Pause.ddl("CREATE PUBLICATION", "CREATE PUBLICATION").arrange(server)) {
            interrupted = runUntilPaused(server, server::stop);
        }
        server.start();
        Pause.dropDdlTrigger(server);
        assertThat(interrupted.exit()).as(interrupted.toString()).isEqualTo(1);
        assertThat(withoutProgress(interrupted.err())).startsWith("error: ").contains("connection to the server was lost", "run migrate again")
                .doesNotContain("\tat ");

        EndToEnd.migrate(Convergence.env(server));
        assertThat(fingerprint(server)).isEqualTo(undisturbed);
        assertCleanHistory(server);
    }

    @Test
    void aFailedRegistrationLeavesTheDatabaseConfiguredAndARerunRegisters(PostgresServer server) throws Exception {
        Convergence.shop(server);
        walLevelLogical(server);
        AtomicInteger failuresLeft = new AtomicInteger(Integer.MAX_VALUE);
        AtomicInteger registered = new AtomicInteger();
        HttpServer cloud = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cloud.createContext("/api/v1/postgres/connection", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.sendResponseHeaders(503, -1);
            } else {
                registered.incrementAndGet();
                exchange.sendResponseHeaders(201, -1);
            }
            exchange.close();
        });
        cloud.start();
        try {
            Map<String, String> env = Convergence.env(server);
            env.put("EXOQUIC_API_KEY", "exo-key-fault-test");
            env.put("EXOQUIC_CLOUD_URL", "http://127.0.0.1:" + cloud.getAddress().getPort());

            Cli.Result outage = Cli.run(env, "migrate");
            assertThat(outage.exit()).as(outage.toString()).isEqualTo(1);
            assertThat(outage.err()).contains("HTTP 503", "the database stays configured", "register")
                    .doesNotContain("\tat ");
            assertThat(fingerprint(server)).as("everything but the registration is done").isEqualTo(undisturbed);

            failuresLeft.set(0);
            Cli.Result rerun = EndToEnd.migrate(env);
            assertThat(rerun.out()).contains("HTTP 201");
            assertThat(registered).hasValue(1);
            assertThat(fingerprint(server)).isEqualTo(undisturbed);
            assertCleanHistory(server);
        } finally {
            cloud.stop(0);
        }
    }

    /**
     * Starts migrate, waits until one of its backends waits for a lock (the pause the test arranged), then
     * disturbs it and returns the run's result.
     */
    private static Cli.Result runUntilPaused(PostgresServer server, Disturbance disturbance) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Cli.Result> run = pool.submit(() -> Cli.run(Convergence.env(server), "migrate"));
            try (Connection watcher = server.connect("postgres"); Statement statement = watcher.createStatement()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!waitingForALock(statement)) {
                    if (run.isDone()) {
                        fail("the run ended before reaching the pause: " + run.get());
                    }
                    if (System.nanoTime() > deadline) {
                        fail("the run never reached the pause");
                    }
                    Thread.sleep(5);
                }
            }
            disturbance.apply();
            return run.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean waitingForALock(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                + " WHERE application_name = '" + TOOL + "' AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static void terminateToolBackends(PostgresServer server) {
        server.execute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = '" + TOOL + "' AND pid <> pg_backend_pid()");
    }

    @FunctionalInterface
    interface Disturbance {
        void apply() throws Exception;
    }

    /** Makes the tool wait at one point; closing it releases the wait. */
    @FunctionalInterface
    interface Pause {
        AutoCloseable arrange(PostgresServer server) throws SQLException;

        /**
         * The tool's first DDL statement with this command tag, sent in a query containing {@code marker}, waits for
         * an advisory lock the test holds.
         */
        static Pause ddl(String tag, String marker) {
            return server -> {
                server.execute(Convergence.DB,
                        "CREATE FUNCTION public.pause_exoquic() RETURNS event_trigger LANGUAGE plpgsql AS $$"
                                + " BEGIN IF current_setting('application_name') = '" + TOOL + "'"
                                + " AND strpos(current_query(), '" + marker + "') > 0 THEN"
                                + " PERFORM pg_advisory_xact_lock_shared(4242, 1); END IF; END $$",
                        "CREATE EVENT TRIGGER pause_exoquic ON ddl_command_start WHEN TAG IN ('" + tag + "')"
                                + " EXECUTE FUNCTION public.pause_exoquic()");
                return hold(server, Convergence.DB, "SELECT pg_advisory_lock(4242, 1)");
            };
        }

        /** Roles are written only by R__1 (and later the password): a SHARE lock on pg_authid holds them back. */
        Pause AUTHID = server -> hold(server, Convergence.DB, "BEGIN", "LOCK TABLE pg_catalog.pg_authid IN SHARE MODE");

        /** Slot creation waits for every transaction with an xid to end. */
        Pause RUNNING_TRANSACTION = server -> hold(server, "postgres", "BEGIN", "SELECT pg_current_xact_id()");

        private static AutoCloseable hold(PostgresServer server, String database, String... sql) throws SQLException {
            Connection connection = server.connect(database);
            try (Statement statement = connection.createStatement()) {
                for (String each : sql) {
                    statement.execute(each);
                }
            }
            return () -> {
                try {
                    connection.close();
                } catch (SQLException ignoredWhenTheServerWasStopped) {
                    // the session ended with the server; its locks went with it
                }
            };
        }

        static void dropDdlTrigger(PostgresServer server) {
            server.execute(Convergence.DB, "DROP EVENT TRIGGER IF EXISTS pause_exoquic",
                    "DROP FUNCTION IF EXISTS public.pause_exoquic()");
        }
    }

    /** stderr without the progress lines of the steps that finished before the failure ("grants: done (0.1 s)"). */
    private static String withoutProgress(String err) {
        return err.lines().filter(line -> !line.matches("[\\w ()]+: [a-z ]+ \\(\\d+\\.\\d s\\)"))
                .map(line -> line + "\n").collect(java.util.stream.Collectors.joining());
    }
}
