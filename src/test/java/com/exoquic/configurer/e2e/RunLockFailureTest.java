package com.exoquic.configurer.e2e;

import com.exoquic.configurer.internal.postgres.RunLock;
import com.exoquic.configurer.internal.postgres.SqlStates;
import com.exoquic.configurer.testing.Catalog;
import com.exoquic.configurer.testing.Cli;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures while taking the run lock: named for what they are, and never hidden by the cleanup after them. */
@ExtendWith(PostgresExtension.class)
class RunLockFailureTest {

    @Test
    void aFailureWhileTakingTheLockIsNamedAsSuchNotAsReadingTheCatalog(PostgresServer server) throws Exception {
        Convergence.shop(server);
        // The run's session cancels its lock wait after 1 s, long before its own lock_timeout.
        server.execute(Convergence.DB, "ALTER DATABASE " + Convergence.DB + " SET statement_timeout = '1s'");
        try (Connection holder = server.connect(Convergence.DB);
             RunLock held = RunLock.acquire(holder, Duration.ofSeconds(1), message -> { })) {
            Cli.Result result = Cli.run(Convergence.env(server), "migrate");

            assertThat(result.exit()).as(result.toString()).isEqualTo(1);
            assertThat(result.err()).contains("Taking this database's run lock failed", "SQLSTATE 57014")
                    .doesNotContain("Reading the catalog");
        }
    }

    @Test
    void aFailedRestoreOfTheLockTimeoutKeepsTheOriginalErrorAndAddsItsOwnAsSuppressed(PostgresServer server)
            throws Exception {
        Convergence.shop(server);
        try (Connection holder = server.connect(Convergence.DB); Connection waiter = server.connect(Convergence.DB);
             RunLock held = RunLock.acquire(holder, Duration.ofSeconds(1), message -> { })) {
            int waiterPid = waiter.unwrap(PGConnection.class).getBackendPID();
            CompletableFuture<RunLock> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return RunLock.acquire(waiter, Duration.ofMinutes(1), message -> { });
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitLockWait(server, waiterPid);
            // Ending the waiting session fails its lock wait, and then the restore of lock_timeout on it.
            server.execute(Convergence.DB, "SELECT pg_terminate_backend(" + waiterPid + ")");

            Throwable failure = catchCause(waiting);
            assertThat(failure).isInstanceOf(SQLException.class);
            assertThat(((SQLException) failure).getSQLState()).isEqualTo(SqlStates.ADMIN_SHUTDOWN);
            assertThat(failure.getSuppressed()).hasSize(1);
        }
    }

    private static Throwable catchCause(CompletableFuture<RunLock> waiting) throws Exception {
        try {
            waiting.get(30, TimeUnit.SECONDS);
            throw new AssertionError("the lock wait should have failed");
        } catch (ExecutionException e) {
            return e.getCause().getCause();
        }
    }

    private static void awaitLockWait(PostgresServer server, int pid) throws InterruptedException {
        Catalog catalog = new Catalog(server, Convergence.DB);
        for (int i = 0; i < 300; i++) {
            if ("Lock".equals(catalog.value("SELECT coalesce(wait_event_type, '-') FROM pg_stat_activity WHERE pid = " + pid))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run never waited for the run lock");
    }
}
