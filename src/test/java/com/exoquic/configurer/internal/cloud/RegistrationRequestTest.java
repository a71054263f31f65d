package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.exoquic.configurer.internal.cloud.TestSettings.API_KEY;
import static com.exoquic.configurer.internal.cloud.TestSettings.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class RegistrationRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void takesEveryFieldFromTheSettings() {
        RegistrationRequest request = RegistrationRequest.from(TestSettings.load("https://api.exoquic.com"));

        assertThat(request.host()).isEqualTo("db.internal");
        assertThat(request.port()).isEqualTo(6543);
        assertThat(request.database()).isEqualTo("shop");
        assertThat(request.username()).isEqualTo("exo_repl");
        assertThat(request.password().reveal()).isEqualTo(PASSWORD);
        assertThat(request.replicationSlot()).isEqualTo("exo_slot");
        assertThat(request.publication()).isEqualTo("exo_pub");
        assertThat(request.apiKey().reveal()).isEqualTo(API_KEY);
        assertThat(request.environment()).isEqualTo("dev");
    }

    @Test
    void publicHostWinsOverTheAdminHost() {
        RegistrationRequest request = RegistrationRequest.from(
                TestSettings.load("https://api.exoquic.com", Map.of("EXOQUIC_PUBLIC_HOST", "db.example.com")));

        assertThat(request.host()).isEqualTo("db.example.com");
    }

    @Test
    void jsonHasExactlyTheContractFields() throws Exception {
        RegistrationRequest request = RegistrationRequest.from(TestSettings.load("https://api.exoquic.com"));

        JsonNode body = JSON.readTree(request.toJson(false));

        assertThat(body).isEqualTo(JSON.readTree(expectedJson(PASSWORD, API_KEY)));
        assertThat(body.get("port").isNumber()).isTrue();
    }

    @Test
    void maskedJsonAndToStringHoldNoSecret() throws Exception {
        RegistrationRequest request = RegistrationRequest.from(TestSettings.load("https://api.exoquic.com"));

        String masked = request.toJson(true);

        assertThat(JSON.readTree(masked)).isEqualTo(JSON.readTree(expectedJson("********", "********")));
        for (String shown : new String[] {masked, request.toString(), request.describe()}) {
            assertThat(shown).doesNotContain(API_KEY).doesNotContain(PASSWORD).doesNotContain("pa'ss");
        }
    }

    @Test
    void missingApiKeyIsAConfigurationError() {
        assertThatThrownBy(() -> RegistrationRequest.from(
                TestSettings.load("https://api.exoquic.com", Map.of("EXOQUIC_API_KEY", ""))))
                .isInstanceOfSatisfying(ConfigurerException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("EXOQUIC_API_KEY")
                .hasMessageNotContaining(PASSWORD);
    }

    static String expectedJson(String password, String apiKey) throws Exception {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("host", "db.internal");
        fields.put("port", 6543);
        fields.put("database", "shop");
        fields.put("username", "exo_repl");
        fields.put("password", password);
        fields.put("replicationSlot", "exo_slot");
        fields.put("publication", "exo_pub");
        fields.put("apiKey", apiKey);
        fields.put("environment", "dev");
        return JSON.writeValueAsString(fields);
    }
}
