package com.exoquic.configurer.cli;

import com.exoquic.configurer.config.Setting;
import picocli.CommandLine.Option;

import java.util.Map;

import static com.exoquic.configurer.cli.ConnectionOptions.put;

/** What to configure: names, tables, cloud. Each flag overrides its environment variable. */
public final class ExoquicOptions {
    @Option(names = "--replication-user", paramLabel = "ROLE", description = "Replication role (EXOQUIC_REPLICATION_USER, default exoquic_replication).")
    String replicationUser;
    @Option(names = "--replication-password-file", paramLabel = "FILE", description = "File holding the replication password (EXOQUIC_REPLICATION_PASSWORD).")
    String replicationPasswordFile;
    @Option(names = "--publication", paramLabel = "NAME", description = "Publication (EXOQUIC_PUBLICATION_NAME, default exoquic_publication).")
    String publication;
    @Option(names = "--slot", paramLabel = "NAME", description = "Replication slot (EXOQUIC_SLOT_NAME, default exoquic_replication_slot).")
    String slot;
    @Option(names = "--tables", paramLabel = "LIST", description = "Tables to capture, e.g. orders,sales.orders,\"Sales\".\"Order Items\",audit.* (TABLES_TO_CAPTURE; empty: all).")
    String tables;
    @Option(names = "--env", paramLabel = "ENV", description = "Exoquic environment, dev or prod (EXOQUIC_ENV, default prod).")
    String environment;
    @Option(names = "--api-key-file", paramLabel = "FILE", description = "File holding the Exoquic API key (EXOQUIC_API_KEY).")
    String apiKeyFile;
    @Option(names = "--cloud-url", paramLabel = "URL", description = "Exoquic API (EXOQUIC_CLOUD_URL, default https://api.exoquic.com).")
    String cloudUrl;
    @Option(names = "--cloud-connect-timeout", paramLabel = "SECONDS", description = "Longest wait for a connection to the cloud API (EXOQUIC_CLOUD_CONNECT_TIMEOUT, default 10).")
    String cloudConnectTimeout;
    @Option(names = "--cloud-request-timeout", paramLabel = "SECONDS", description = "Longest wait for the cloud API's answer (EXOQUIC_CLOUD_REQUEST_TIMEOUT, default 30).")
    String cloudRequestTimeout;
    @Option(names = "--public-host", paramLabel = "HOST", description = "Host Exoquic connects to, if not PGHOST (EXOQUIC_PUBLIC_HOST).")
    String publicHost;
    @Option(names = "--lock-timeout", paramLabel = "SECONDS", description = "Longest wait for a table lock (EXOQUIC_LOCK_TIMEOUT, default 5).")
    String lockTimeout;
    @Option(names = "--slot-timeout", paramLabel = "SECONDS", description = "Longest wait of slot creation for running transactions (EXOQUIC_SLOT_TIMEOUT, default 60).")
    String slotTimeout;
    @Option(names = "--failover-slot", description = "Create a failover slot, kept on standbys with sync_replication_slots (PostgreSQL 17+; EXOQUIC_FAILOVER_SLOT).")
    boolean failoverSlot;

    void putInto(Map<Setting, String> flags) {
        put(flags, Setting.REPLICATION_USER, replicationUser);
        put(flags, Setting.REPLICATION_PASSWORD, replicationPasswordFile);
        put(flags, Setting.PUBLICATION, publication);
        put(flags, Setting.SLOT, slot);
        put(flags, Setting.TABLES, tables);
        put(flags, Setting.ENVIRONMENT, environment);
        put(flags, Setting.API_KEY, apiKeyFile);
        put(flags, Setting.CLOUD_URL, cloudUrl);
        put(flags, Setting.CLOUD_CONNECT_TIMEOUT, cloudConnectTimeout);
        put(flags, Setting.CLOUD_REQUEST_TIMEOUT, cloudRequestTimeout);
        put(flags, Setting.PUBLIC_HOST, publicHost);
        put(flags, Setting.LOCK_TIMEOUT, lockTimeout);
        put(flags, Setting.SLOT_TIMEOUT, slotTimeout);
        put(flags, Setting.FAILOVER_SLOT, failoverSlot ? "true" : null);
    }
}
