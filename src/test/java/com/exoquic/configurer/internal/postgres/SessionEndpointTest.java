package com.exoquic.configurer.internal.postgres;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which hosts the report warns about: ones Exoquic's cloud cannot reach. Names are never resolved. */
@Tag("unit")
class SessionEndpointTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "db.localhost", "127.0.0.1", "127.8.9.10", "::1", "10.1.2.3",
        "172.16.0.1", "172.31.255.254", "192.168.1.20", "169.254.1.1", "fe80::1", "fd12:3456::1", "0.0.0.0",
        "/var/run/postgresql"})
    void loopbackAndPrivateHostsAreUnreachable(String host) {
        assertThat(new SessionEndpoint(host, 5432, "shop", false).unreachableFromOutside()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.com", "203.0.113.7", "172.32.0.1", "8.8.8.8", "2001:db8::1",
        "my-db.internal-looking-but-public.net"})
    void publicHostsAndNamesAreNot(String host) {
        assertThat(new SessionEndpoint(host, 5432, "shop", false).unreachableFromOutside()).isFalse();
    }
}
