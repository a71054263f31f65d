package com.exoquic.configurer;

import org.junit.jupiter.api.Tag;
import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.config.VerbName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The library's builder: a setter for every setting, and a public API that shows no internal type. */
@Tag("unit")
class ExoquicConfigurerBuilderTest {
    /** The builder's methods that are about the run, not a setting. */
    private static final Set<String> NOT_SETTINGS = Set.of("environment", "commandLine", "dataSource", "set",
            "waitForRestart", "allowInsecureCloudUrl", "progress", "stepProgress");

    /** Each one-argument setter of the builder, and the one setting it sets. */
    private static Map<Setting, String> setters() throws Exception {
        Map<Setting, String> setters = new EnumMap<>(Setting.class);
        for (Method method : ExoquicConfigurer.Builder.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || method.getParameterCount() != 1
                    || NOT_SETTINGS.contains(method.getName())) {
                continue;
            }
            ExoquicConfigurer.Builder builder = ExoquicConfigurer.configure();
            method.invoke(builder, sample(method.getParameterTypes()[0]));
            Set<Setting> set = given(builder).keySet();
            assertThat(set).as(method.getName() + " sets one setting").hasSize(1);
            String other = setters.put(set.iterator().next(), method.getName());
            assertThat(other).as("two setters for " + set).isNull();
        }
        return setters;
    }

    private static Object sample(Class<?> type) {
        if (type == int.class) {
            return 7;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(7);
        }
        return type == String[].class ? new String[] {"orders"} : "x";
    }

    @SuppressWarnings("unchecked")
    private static Map<Setting, String> given(ExoquicConfigurer.Builder builder) throws Exception {
        Field values = ExoquicConfigurer.Builder.class.getDeclaredField("values");
        values.setAccessible(true);
        return (Map<Setting, String>) values.get(builder);
    }

    @Test
    void everySettingHasItsOwnSetter() throws Exception {
        Set<Setting> missing = EnumSet.allOf(Setting.class);
        missing.removeAll(setters().keySet());
        assertThat(missing).as("settings without a setter on ExoquicConfigurer.Builder (add one, named after it)")
                .isEmpty();
    }

    @Test
    void theSettersThatWereMissingReachTheirSettings() {
        ConfigurerException e = catchThrowableOfType(ConfigurerException.class, () -> ExoquicConfigurer.configure()
                .sslMode("sometimes").exoquicEnv("staging").connectAttempts(0).connectTimeout(Duration.ZERO)
                .cloudConnectTimeout(Duration.ZERO).cloudRequestTimeout(Duration.ofHours(1)).load());

        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
        assertThat(e.problems()).hasSize(6)
                .allSatisfy(problem -> assertThat(problem).contains("(set by the application)"));
        for (String name : List.of("PGSSLMODE", "EXOQUIC_ENV", "EXOQUIC_CONNECT_ATTEMPTS", "EXOQUIC_CONNECT_TIMEOUT",
                "EXOQUIC_CLOUD_CONNECT_TIMEOUT", "EXOQUIC_CLOUD_REQUEST_TIMEOUT")) {
            assertThat(e.problems()).anySatisfy(problem -> assertThat(problem).startsWith(name));
        }
    }

    /** The Flyway callback's path: everything migrate needs is checked in the same run as the values. */
    @Test
    void loadingForMigrateListsTheMissingPasswordWithTheBadValues() {
        ConfigurerException e = catchThrowableOfType(ConfigurerException.class, () -> ExoquicConfigurer.configure()
                .port(0).slot("My-Slot").exoquicEnv("staging").load(Setting.requiredBy(VerbName.MIGRATE)));

        assertThat(e.getMessage()).startsWith("4 problems in the configuration; nothing was changed:");
        assertThat(e.problems()).anySatisfy(problem -> assertThat(problem).contains("EXOQUIC_REPLICATION_PASSWORD"));
    }

    /** README: the public API is com.exoquic.configurer, its api package and spring; internal may change. */
    @Test
    void thePublicApiShowsNoInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : List.of(ExoquicConfigurer.class, ExoquicConfigurer.Builder.class, ExoquicCallback.class)) {
            for (Method method : type.getMethods()) {
                List<Type> shown = new ArrayList<>(Arrays.asList(method.getGenericParameterTypes()));
                shown.add(method.getGenericReturnType());
                shown.stream().filter(each -> each.getTypeName().contains(".internal."))
                        .forEach(each -> leaks.add(type.getSimpleName() + "." + method.getName() + ": " + each));
            }
        }
        assertThat(leaks).isEmpty();
    }
}
