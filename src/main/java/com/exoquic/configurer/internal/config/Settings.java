package com.exoquic.configurer.internal.config;

import java.net.URI;
import java.time.Duration;

/**
 * The whole, validated configuration of a run. Immutable; build it with {@link SettingsLoader}.
 * {@code maxSlotWalKeepSize} (bytes) and {@code idleSlotTimeout}: the WAL guards to set on the server, null to leave
 * them as they are; {@code maxRetainedWal}: the most WAL status accepts the slot retaining (bytes).
 */
public record Settings(ConnectionSettings connection,
                       Identifier replicationUser,
                       Secret replicationPassword,
                       Identifier publication,
                       Identifier slot,
                       CaptureSet capture,
                       Secret apiKey,
                       URI cloudUrl,
                       String environment,
                       String publicHost,
                       Duration lockTimeout,
                       Duration slotTimeout,
                       boolean failoverSlot,
                       boolean ddlGuard,
                       boolean rotateReplicationPassword,
                       Duration cloudConnectTimeout,
                       Duration cloudRequestTimeout,
                       boolean adopt,
                       boolean recreateLostSlot,
                       Long maxSlotWalKeepSize,
                       Duration idleSlotTimeout,
                       long maxRetainedWal) {

    /** The host Exoquic should connect to. */
    public String exoquicHost() {
        return publicHost != null ? publicHost : connection.host();
    }
}
