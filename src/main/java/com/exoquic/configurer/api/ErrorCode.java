package com.exoquic.configurer.api;

/** What went wrong, and the process exit status that stands for it. */
public enum ErrorCode {
    /** A setting is missing or invalid: nothing was changed. */
    CONFIGURATION(2),
    /** Preflight found something migrate cannot finish (a foreign object, missing rights): nothing was changed. */
    PREFLIGHT(2),
    /** The connection cannot be made and a retry would not help (authentication, SSL, unknown host or database). */
    CONNECTION(2),
    /** The work failed; a re-run after fixing the cause converges. */
    FAILED(1),
    /** The connection to the server was lost during the run; a re-run converges. */
    CONNECTION_LOST(1),
    /** A lock (a table's, or another run's) was not granted in time; a re-run converges. */
    LOCK_TIMEOUT(1),
    /** The Exoquic cloud API refused or did not answer the registration; the database part is done. */
    CLOUD(1),
    /** Everything possible was done; the server must restart to finish. */
    RESTART_REQUIRED(3),
    /** The status check found a problem. */
    UNHEALTHY(4);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
