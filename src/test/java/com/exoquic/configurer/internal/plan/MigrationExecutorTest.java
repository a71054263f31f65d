package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.testing.PostgresExtension;
import com.exoquic.configurer.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(PostgresExtension.class)
class MigrationExecutorTest {

    /** An interrupt while waiting to retry a lock ends the run at once, and the caller still sees the interrupt. */
    @Test
    void anInterruptWhileWaitingForALockStopsTheRetries(PostgresServer server) throws Exception {
        MigrationExecutor executor = new MigrationExecutor(Duration.ofMillis(100), 5);
        try (Connection holder = server.connect("postgres"); Statement hold = holder.createStatement();
             Connection connection = server.connect("postgres")) {
            hold.execute("CREATE TABLE public.events (at timestamptz)");
            holder.setAutoCommit(false);
            hold.execute("LOCK TABLE public.events IN ACCESS SHARE MODE");

            Thread.currentThread().interrupt();
            long start = System.nanoTime();
            ConfigurerException e = catchThrowableOfType(ConfigurerException.class, () -> executor.executeAutocommit(
                    connection, "replica identity", "ALTER TABLE public.events REPLICA IDENTITY FULL"));
            boolean stillInterrupted = Thread.interrupted(); // read and clear, before anything else can
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(e).as("the run stops").isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.FAILED);
            assertThat(e).hasMessageContaining("Interrupted while waiting to retry the lock for 'replica identity'");
            assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
            // Five attempts with their backoff would take 0.5 s of lock waits and 2.8 s of sleeps.
            assertThat(took).isLessThan(Duration.ofMillis(1500));
            holder.rollback();
        }
    }
}
