package com.exoquic.configurer.internal.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** {@link Setting} itself: names that identify one setting each, and what each verb requires. */
@Tag("unit")
class SettingDefinitionTest {

    @Test
    void environmentVariablesAndFlagsAreUnique() {
        assertThat(Arrays.stream(Setting.values()).map(Setting::envName)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Setting.values()).map(Setting::flag)).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Setting.class)
    void eachNameFindsItsSetting(Setting setting) {
        assertThat(Setting.byEnvName(setting.envName())).isEqualTo(setting);
        assertThat(Setting.byFlag(setting.flag())).isEqualTo(setting);
    }

    @Test
    void anUnknownNameFindsNone() {
        assertThat(Setting.byEnvName("EXOQUIC_NO_SUCH")).isNull();
        assertThat(Setting.byFlag("--no-such")).isNull();
    }

    /** The loader reads every setting through its typed read; one read as another kind would fail here. */
    @Test
    void everySettingIsReadAsItsOwnKind() {
        assertThatCode(() -> SettingsLoader.load(Map.of(), Map.of(), Set.of())).doesNotThrowAnyException();
    }

    @Test
    void theReplicationPasswordAndTheApiKeyAreRequiredWhereTheyAreNeeded() {
        assertThat(Setting.requiredBy(VerbName.MIGRATE)).containsExactly(Setting.REPLICATION_PASSWORD);
        assertThat(Setting.requiredBy(VerbName.VALIDATE)).containsExactly(Setting.REPLICATION_PASSWORD);
        assertThat(Setting.requiredBy(VerbName.REGISTER))
                .containsExactlyInAnyOrder(Setting.REPLICATION_PASSWORD, Setting.API_KEY);
        for (VerbName verb : Set.of(VerbName.INFO, VerbName.STATUS, VerbName.TEARDOWN, VerbName.EXPORT)) {
            assertThat(Setting.requiredBy(verb)).as(verb.command()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(VerbName.class)
    void aVerbReadsWhatItRequires(VerbName verb) {
        assertThat(Setting.forVerb(verb)).containsAll(Setting.requiredBy(verb));
    }
}
