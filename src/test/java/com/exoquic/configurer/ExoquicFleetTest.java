package com.exoquic.configurer;

import org.junit.jupiter.api.Tag;
import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.fleet.PreparedTarget;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a target's settings are resolved: its own first (URL, overrides), then the fleet's flags, then the environment. */
@Tag("unit")
class ExoquicFleetTest {

    @Test
    void theTargetsOwnSettingsComeFirstThenTheFleetsThenTheEnvironment() {
        ExoquicFleet fleet = ExoquicFleet.configure()
                .defaults(ExoquicConfigurer.configure()
                        .environment(Map.of("PGPORT", "6543", "PGUSER", "env_user", "DATABASE_URL",
                                "postgres://other@elsewhere:7000/otherdb", "EXOQUIC_PUBLICATION_NAME", "env_pub"))
                        .commandLine(Map.of("--publication", "flag_pub")))
                .targetsText("t.yaml", """
                        - url: postgres://db1/a
                        - url: postgres://me@db1:5433/b
                          publication: own_pub
                        """).load();
        assertThat(fleet.targets()).hasSize(2);
        PreparedTarget a = fleet.prepared().get(0);
        PreparedTarget b = fleet.prepared().get(1);
        assertThat(a.settings().connection().host()).isEqualTo("db1");
        assertThat(a.settings().connection().port()).as("PGPORT, not DATABASE_URL's").isEqualTo(6543);
        assertThat(a.settings().connection().user()).isEqualTo("env_user");
        assertThat(a.settings().publication().name()).isEqualTo("flag_pub");
        assertThat(b.settings().connection().port()).isEqualTo(5433);
        assertThat(b.settings().connection().user()).isEqualTo("me");
        assertThat(b.settings().publication().name()).isEqualTo("own_pub");
        assertThat(b.settings().slot().name()).isEqualTo("exoquic_b");
        assertThat(Setting.SLOT.defaultValue()).isEqualTo("exoquic_replication_slot");
    }

}
