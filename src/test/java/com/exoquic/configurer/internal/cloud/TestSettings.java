package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.config.SettingsLoader;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Settings as the CLI would load them, with distinctive secrets that tests search for. */
final class TestSettings {
    static final String API_KEY = "sekret-key-123";
    static final String PASSWORD = "pa'ss\"word$$";

    private TestSettings() {
    }

    static Settings load(String cloudUrl) {
        return load(cloudUrl, Map.of());
    }

    static Settings load(String cloudUrl, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", "db.internal");
        env.put("PGPORT", "6543");
        env.put("PGDATABASE", "shop");
        env.put("EXOQUIC_REPLICATION_USER", "exo_repl");
        env.put("EXOQUIC_REPLICATION_PASSWORD", PASSWORD);
        env.put("EXOQUIC_SLOT_NAME", "exo_slot");
        env.put("EXOQUIC_PUBLICATION_NAME", "exo_pub");
        env.put("EXOQUIC_API_KEY", API_KEY);
        env.put("EXOQUIC_CLOUD_URL", cloudUrl);
        env.put("EXOQUIC_ENV", "dev");
        env.putAll(extra);
        return SettingsLoader.load(Map.of(), env, Set.of());
    }
}
