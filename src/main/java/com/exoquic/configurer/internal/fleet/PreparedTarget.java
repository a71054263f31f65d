package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.internal.config.Settings;

/**
 * A target whose settings were all checked before anything runs: its configurer (every setting resolved: the
 * target's own, then the fleet's flags, then the environment), the server it lives on, and its slot's key.
 */
public record PreparedTarget(Target target, ExoquicConfigurer configurer, Settings settings, ServerAddress address) {

    String slotKey() {
        return ServerFacts.slotKey(settings().connection().database(), settings().slot().name());
    }
}
