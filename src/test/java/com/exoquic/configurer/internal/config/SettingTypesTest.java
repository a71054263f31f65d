package com.exoquic.configurer.internal.config;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every typed setting rejects a bad value with a problem naming the flag or variable, the value and the fix. */
@Tag("unit")
class SettingTypesTest {

    static Stream<Setting> rejecting() {
        return Stream.of(Setting.values()).filter(setting -> BadValue.of(setting) != null);
    }

    private static String problem(Map<Setting, String> flags, Map<String, String> env) {
        ConfigurerException e = catchThrowableOfType(ConfigurerException.class,
                () -> SettingsLoader.load(flags, env, Set.of()));
        assertThat(e).as("a ConfigurerException").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void everySettingRefusesSomething() {
        assertThat(Stream.of(Setting.values()).filter(setting -> BadValue.of(setting) == null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejecting")
    void aBadFlagValueIsNamedByTheFlag(Setting setting) {
        BadValue bad = BadValue.of(setting);
        if (bad.flagValue() == null) {
            return; // a switch has no value to get wrong
        }
        String problem = problem(Map.of(setting, bad.flagValue()), Map.of());
        assertThat(problem).contains(setting.flag()).contains(bad.says()).doesNotContain(bad.neverSays());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejecting")
    void aBadVariableIsNamedByTheVariable(Setting setting) {
        BadValue bad = BadValue.of(setting);
        if (bad.envValue() == null) {
            return; // blank variables count as unset; secrets from the environment are taken as they are
        }
        String problem = problem(Map.of(), Map.of(setting.envName(), bad.envValue()));
        assertThat(problem).contains(setting.envName()).contains(bad.says()).doesNotContain(bad.neverSays());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Setting.class)
    void theDefaultIsAValueOfTheSettingsOwnType(Setting setting) throws ValueType.InvalidValue {
        setting.type().parse(setting.defaultValue(), setting);
    }

    @Test
    void rangesAndChoicesComeFromTheDefinition() {
        assertThat(Setting.PORT.type()).isEqualTo(new ValueType.WholeNumber(1, 65535));
        assertThat(Setting.SLOT_TIMEOUT.type()).isEqualTo(new ValueType.Seconds(1, 86400));
        assertThat(((ValueType.Choice) Setting.ENVIRONMENT.type()).values()).containsExactly("dev", "prod");
        assertThat(SettingsDocumentation.optionHelp(Setting.PORT)).contains("PGPORT", "default 5432", "1-65535");
    }
}
