package com.exoquic.configurer.e2e;

import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import com.exoquic.configurer.testing.ServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.postgres.RunLock;
import com.exoquic.configurer.testing.Catalog;
import org.postgresql.PGConnection;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.exoquic.configurer.e2e.Convergence.assertCleanHistory;
import static com.exoquic.configurer.e2e.Convergence.fingerprint;
import static com.exoquic.configurer.e2e.EndToEnd.walLevelLogical;
import static com.exoquic.configurer.testing.ServerConfig.WAL_LEVEL_REPLICA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Two migrate runs started together on the same database (say, two deploys at once) both succeed, and leave
 * exactly what one run leaves: Flyway's lock serialises the migrations, and the run that finds the role, the
 * password or the slot made by the other treats it as done.
 */
@ExtendWith(PostgresExtension.class)
class ConcurrentMigrateTest {
    private static List<String> undisturbed;

    @BeforeAll
    static void singleRun(PostgresServer reference) {
        Convergence.shop(reference);
        walLevelLogical(reference);
        EndToEnd.migrate(Convergence.env(reference));
        undisturbed = fingerprint(reference);
    }

    @RepeatedTest(3)
    void twoRunsStartedTogetherBothSucceedAndLeaveWhatOneRunLeaves(PostgresServer server) throws Exception {
        Convergence.shop(server);
        walLevelLogical(server);

        List<Cli.Result> results = together(server);

        for (Cli.Result each : results) {
            assertThat(each.exit()).as(each.toString()).isZero();
            assertThat(each.err()).as(each.toString()).doesNotContain("error");
        }
        assertThat(fingerprint(server)).isEqualTo(undisturbed);
        assertCleanHistory(server);
    }

    @RepeatedTest(2)
    @ServerConfig(WAL_LEVEL_REPLICA)
    void twoRunsOnAFreshServerBothAskForTheRestartThenBothFinish(PostgresServer server) throws Exception {
        Convergence.shop(server);

        for (Cli.Result each : together(server)) {
            assertThat(each.exit()).as("concurrent ALTER SYSTEM, role and publication creation\n" + each).isEqualTo(3);
        }
        server.restart();
        for (Cli.Result each : together(server)) {
            assertThat(each.exit()).as("concurrent slot creation\n" + each).isZero();
        }
        assertThat(fingerprint(server)).isEqualTo(undisturbed);
        assertCleanHistory(server);
    }

    @Test
    void aRunWaitsForTheRunHoldingTheLockBeforeChangingAnything(PostgresServer server) throws Exception {
        Convergence.shop(server);
        walLevelLogical(server);
        Catalog catalog = new Catalog(server, Convergence.DB);

        Waited waited = runWhileLockHeld(server, () -> assertThat(
                catalog.column("SELECT nspname FROM pg_namespace WHERE nspname = 'exoquic'"))
                .as("nothing changed while waiting").isEmpty(), "migrate");

        assertThat(waited.result().err())
                .contains("Another exoquic-configurer run holds this database's run lock (pid " + waited.holderPid());
        assertThat(fingerprint(server)).isEqualTo(undisturbed);
        assertCleanHistory(server);
    }

    @Test
    void teardownWaitsForTheRunHoldingTheLockToo(PostgresServer server) throws Exception {
        Convergence.shop(server);
        walLevelLogical(server);
        EndToEnd.migrate(Convergence.env(server));
        Catalog catalog = new Catalog(server, Convergence.DB);
        String slots = "SELECT slot_name FROM pg_replication_slots";

        runWhileLockHeld(server, () -> assertThat(catalog.column(slots)).as("nothing removed while waiting").isNotEmpty(),
                "teardown", "--yes");

        assertThat(catalog.column(slots)).isEmpty();
    }

    @Test
    void aWaitLongerThanItsLimitFailsNamingTheHolderAndRestoresTheLockTimeout(PostgresServer server) throws Exception {
        Convergence.shop(server);
        try (Connection holder = server.connect(Convergence.DB); Connection waiter = server.connect(Convergence.DB);
             RunLock held = RunLock.acquire(holder, Duration.ofSeconds(1), message -> { })) {
            int holderPid = holder.unwrap(PGConnection.class).getBackendPID();

            ConfigurerException e = catchThrowableOfType(ConfigurerException.class,
                    () -> RunLock.acquire(waiter, Duration.ofSeconds(1), message -> { }));

            assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(e).hasMessageContaining("(pid " + holderPid).hasMessageContaining("after 1 s")
                    .hasMessageContaining("pg_terminate_backend(pid)");
            try (var statement = waiter.createStatement(); var rs = statement.executeQuery("SHOW lock_timeout")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("0");
            }
        }
    }

    /**
     * Runs the CLI with {@code args} while another session holds the run lock: the run must wait (checked with
     * {@code whileWaiting} before the lock is released), then succeed.
     */
    private static Waited runWhileLockHeld(PostgresServer server, Runnable whileWaiting, String... args) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = server.connect(Convergence.DB)) {
            Future<Cli.Result> waiting;
            try (RunLock held = RunLock.acquire(other, Duration.ofSeconds(1), message -> { })) {
                waiting = pool.submit(() -> Cli.run(Convergence.env(server), args));
                awaitLockWaiter(server);
                assertThat(waiting.isDone()).isFalse();
                whileWaiting.run();
            }
            Cli.Result result = waiting.get(120, TimeUnit.SECONDS);
            assertThat(result.exit()).as(result.toString()).isZero();
            return new Waited(result, other.unwrap(PGConnection.class).getBackendPID());
        } finally {
            pool.shutdownNow();
        }
    }

    private record Waited(Cli.Result result, int holderPid) {
    }

    private static void awaitLockWaiter(PostgresServer server) throws InterruptedException {
        Catalog catalog = new Catalog(server, Convergence.DB);
        for (int i = 0; i < 300; i++) {
            if (!catalog.column("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the second run never waited for the run lock");
    }

    private static List<Cli.Result> together(PostgresServer server) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Cli.Result> first = pool.submit(() -> {
                start.await();
                return Cli.run(Convergence.env(server), "migrate");
            });
            Future<Cli.Result> second = pool.submit(() -> {
                start.await();
                return Cli.run(Convergence.env(server), "migrate");
            });
            return List.of(first.get(120, TimeUnit.SECONDS), second.get(120, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
