package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.internal.config.Settings;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;

/**
 * Readies the JDK's default TLS context (the trust store read, a third of a second on these machines) on a daemon
 * thread while the run reads the catalog, so the registration at the end of a run to an https:// cloud does not
 * wait for it. Started only when the run will register; a failure is left for the registration to report.
 */
public final class TlsWarmUp {
    private TlsWarmUp() {
    }

    /** Starts the warm-up when {@code settings} register with an https:// cloud URL; otherwise does nothing. */
    public static void startIfRegistering(Settings settings) {
        if (settings.apiKey() == null || settings.cloudUrl() == null
                || !"https".equalsIgnoreCase(settings.cloudUrl().getScheme())) {
            return;
        }
        Thread thread = new Thread(TlsWarmUp::warmUp, "exoquic-tls-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void warmUp() {
        try {
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            // The registration's own connection meets the same problem and reports it.
        }
    }
}
