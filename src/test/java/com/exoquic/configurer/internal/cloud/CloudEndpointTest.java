package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class CloudEndpointTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://api.exoquic.com", "https://api.exoquic.com/", "https://api.exoquic.com//"})
    void joinsWithoutADoubleSlash(String base) {
        assertThat(CloudEndpoint.of(base, false).registrationUri())
                .hasToString("https://api.exoquic.com/api/v1/postgres/connection");
    }

    @Test
    void keepsABasePath() {
        assertThat(CloudEndpoint.of("https://gw.example.com/exoquic/", false).registrationUri())
                .hasToString("https://gw.example.com/exoquic/api/v1/postgres/connection");
    }

    @Test
    void refusesPlainHttpToARemoteHost() {
        assertThatThrownBy(() -> CloudEndpoint.of("http://api.example.com", false))
                .isInstanceOfSatisfying(ConfigurerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("http://api.example.com")
                .hasMessageContaining("https://")
                .hasMessageContaining("--allow-insecure-cloud-url");
    }

    @Test
    void acceptsPlainHttpWhenAllowed() {
        assertThat(CloudEndpoint.of("http://api.example.com", true).registrationUri())
                .hasToString("http://api.example.com/api/v1/postgres/connection");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:9000/", "http://[::1]:8080"})
    void acceptsPlainHttpToLoopback(String base) {
        assertThat(CloudEndpoint.of(base, false).registrationUri().getPath())
                .isEqualTo("/api/v1/postgres/connection");
    }

    @Test
    void aNameThatMerelyStartsWithLoopbackDigitsIsNotLoopback() {
        assertThatThrownBy(() -> CloudEndpoint.of("http://127.0.0.1.evil.example", false))
                .isInstanceOf(ConfigurerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "https://", "ftp://api.exoquic.com", "api.exoquic.com", "https:///path"})
    void unusableUrlsAreConfigurationErrors(String base) {
        assertThatThrownBy(() -> CloudEndpoint.of(base, true))
                .isInstanceOfSatisfying(ConfigurerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("Exoquic cloud URL");
    }
}
