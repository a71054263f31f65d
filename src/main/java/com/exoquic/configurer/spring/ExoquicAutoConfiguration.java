package com.exoquic.configurer.spring;

import com.exoquic.configurer.ExoquicCallback;
import com.exoquic.configurer.internal.config.Setting;
import org.flywaydb.core.api.callback.Callback;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.HashMap;
import java.util.Map;

/**
 * Spring Boot: with this library on the class path, the application's Flyway runs the Exoquic setup after the
 * application's migrations (Boot's Flyway auto-configuration registers every {@link Callback} bean). Off with
 * {@code exoquic.enabled=false}. Settings come from Spring's configuration (properties, YAML, the environment), each
 * under {@code exoquic.} and its variable name without {@code EXOQUIC_}, in kebab case:
 * {@code exoquic.tables-to-capture}, {@code exoquic.replication-password}, {@code exoquic.slot-name}, ...
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.flywaydb.core.Flyway")
@ConditionalOnProperty(prefix = "exoquic", name = "enabled", matchIfMissing = true)
public class ExoquicAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ExoquicCallback.class)
    public ExoquicCallback exoquicCallback(Environment environment) {
        return new ExoquicCallback(settings(environment));
    }

    /** The process environment, overridden by Spring properties; Flyway placeholders still override both. */
    static Map<String, String> settings(Environment environment) {
        Map<String, String> settings = new HashMap<>(System.getenv());
        for (Setting setting : Setting.values()) {
            String value = environment.getProperty(propertyName(setting.envName()));
            if (value != null) {
                settings.put(setting.envName(), value);
            }
        }
        return settings;
    }

    /** {@code EXOQUIC_REPLICATION_PASSWORD} is {@code exoquic.replication-password}, {@code PGHOST} {@code exoquic.pghost}. */
    static String propertyName(String envName) {
        String name = envName.startsWith("EXOQUIC_") ? envName.substring("EXOQUIC_".length()) : envName;
        return "exoquic." + name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
