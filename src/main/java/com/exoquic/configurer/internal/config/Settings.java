package com.exoquic.configurer.internal.config;

import java.net.URI;
import java.time.Duration;

/**
 * The whole, validated configuration of a run, each value read by name through {@link Setting}'s typed reads.
 * Immutable; build it with {@link SettingsLoader}. Prints without its secrets.
 */
public final class Settings {
    private final ConnectionSettings connection;
    private final Identifier replicationUser;
    private final Secret replicationPassword;
    private final Identifier publication;
    private final Identifier slot;
    private final CaptureSet capture;
    private final Secret apiKey;
    private final URI cloudUrl;
    private final String environment;
    private final String publicHost;
    private final Duration cloudConnectTimeout;
    private final Duration cloudRequestTimeout;
    private final Duration lockTimeout;
    private final Duration slotTimeout;
    private final boolean failoverSlot;
    private final boolean adopt;
    private final boolean ddlGuard;
    private final boolean rotateReplicationPassword;
    private final boolean recreateLostSlot;
    private final Long maxSlotWalKeepSize;
    private final Duration idleSlotTimeout;
    private final long maxRetainedWal;

    Settings(SettingsLoader values) {
        connection = new ConnectionSettings(values);
        replicationUser = Setting.REPLICATION_USER.identifier(values);
        replicationPassword = Setting.REPLICATION_PASSWORD.secret(values);
        publication = Setting.PUBLICATION.identifier(values);
        slot = Setting.SLOT.identifier(values);
        capture = Setting.TABLES.capture(values);
        apiKey = Setting.API_KEY.secret(values);
        cloudUrl = Setting.CLOUD_URL.url(values);
        environment = Setting.ENVIRONMENT.text(values);
        publicHost = Setting.PUBLIC_HOST.text(values);
        cloudConnectTimeout = Setting.CLOUD_CONNECT_TIMEOUT.seconds(values);
        cloudRequestTimeout = Setting.CLOUD_REQUEST_TIMEOUT.seconds(values);
        lockTimeout = Setting.LOCK_TIMEOUT.seconds(values);
        slotTimeout = Setting.SLOT_TIMEOUT.seconds(values);
        failoverSlot = Setting.FAILOVER_SLOT.isTrue(values);
        adopt = Setting.ADOPT.isTrue(values);
        ddlGuard = Setting.DDL_GUARD.isTrue(values);
        rotateReplicationPassword = Setting.ROTATE_REPLICATION_PASSWORD.isTrue(values);
        recreateLostSlot = Setting.RECREATE_LOST_SLOT.isTrue(values);
        maxSlotWalKeepSize = Setting.MAX_SLOT_WAL_KEEP_SIZE.size(values);
        idleSlotTimeout = Setting.IDLE_SLOT_TIMEOUT.span(values);
        maxRetainedWal = Setting.MAX_RETAINED_WAL.size(values);
    }

    public ConnectionSettings connection() {
        return connection;
    }

    public Identifier replicationUser() {
        return replicationUser;
    }

    /** Null when not set. */
    public Secret replicationPassword() {
        return replicationPassword;
    }

    public Identifier publication() {
        return publication;
    }

    public Identifier slot() {
        return slot;
    }

    public CaptureSet capture() {
        return capture;
    }

    /** Null when not set: then migrate does not register. */
    public Secret apiKey() {
        return apiKey;
    }

    public URI cloudUrl() {
        return cloudUrl;
    }

    /** The Exoquic environment, {@code dev} or {@code prod}. */
    public String environment() {
        return environment;
    }

    /** A host name or IP address; null when not set. */
    public String publicHost() {
        return publicHost;
    }

    /** The host Exoquic should connect to. */
    public String exoquicHost() {
        return publicHost != null ? publicHost : connection.host();
    }

    public Duration cloudConnectTimeout() {
        return cloudConnectTimeout;
    }

    public Duration cloudRequestTimeout() {
        return cloudRequestTimeout;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    public Duration slotTimeout() {
        return slotTimeout;
    }

    public boolean failoverSlot() {
        return failoverSlot;
    }

    public boolean adopt() {
        return adopt;
    }

    public boolean ddlGuard() {
        return ddlGuard;
    }

    public boolean rotateReplicationPassword() {
        return rotateReplicationPassword;
    }

    /** Whether migrate may drop and create again a slot PostgreSQL invalidated. */
    public boolean recreateLostSlot() {
        return recreateLostSlot;
    }

    /** The WAL cap to set on the server (max_slot_wal_keep_size, bytes); null to leave it as it is. */
    public Long maxSlotWalKeepSize() {
        return maxSlotWalKeepSize;
    }

    /** The idle timeout to set on the server (idle_replication_slot_timeout); null to leave it as it is. */
    public Duration idleSlotTimeout() {
        return idleSlotTimeout;
    }

    /** The most WAL status accepts the slot retaining (bytes). */
    public long maxRetainedWal() {
        return maxRetainedWal;
    }

    @Override
    public String toString() {
        return "Settings[" + connection + ", replicationUser=" + replicationUser + ", replicationPassword="
                + replicationPassword + ", publication=" + publication + ", slot=" + slot + ", capture=" + capture
                + ", apiKey=" + apiKey + ", cloudUrl=" + cloudUrl + ", environment=" + environment + ", publicHost="
                + publicHost + "]";
    }
}
