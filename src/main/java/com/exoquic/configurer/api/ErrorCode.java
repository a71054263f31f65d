package com.exoquic.configurer.api;

/** What went wrong, and the process exit status that stands for it. */
public enum ErrorCode {
    /** The work failed; a re-run after fixing the cause converges. */
    FAILED(1),
    /** Bad usage, configuration or preflight finding: nothing was changed. */
    CONFIGURATION(2),
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
