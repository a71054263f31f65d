package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.plan.Plan;
import com.exoquic.configurer.internal.plan.Results;
import com.exoquic.configurer.internal.postgres.Inspector;
import com.exoquic.configurer.internal.template.SqlTemplates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("unit")
class RestartWaiterTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptStopsTheWaitAndKeepsTheFlag() throws Exception {
        RestartWaiter waiter = new RestartWaiter(refusingDataSource(),
                new Inspector(new SqlTemplates()), Duration.ofMinutes(1), message -> { });
        Thread.currentThread().interrupt();
        long start = System.nanoTime();

        ConfigurerException e = catchThrowableOfType(ConfigurerException.class, () -> waiter.await(new Plan(java.util.List.of(), true), new Results()));

        assertThat(e.code()).isEqualTo(ErrorCode.FAILED);
        assertThat(e).hasMessageContaining("Interrupted while waiting for the server restart");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    // A port nobody listens on: every connection is refused, as while the server restarts.
    private static PGSimpleDataSource refusingDataSource() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port});
        return dataSource;
    }
}
