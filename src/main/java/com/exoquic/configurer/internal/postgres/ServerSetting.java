package com.exoquic.configurer.internal.postgres;

/** A server setting: the running value and whether a changed value waits for a restart. */
public record ServerSetting(String name, String running, boolean pendingRestart) {

    public int runningInt() {
        return Integer.parseInt(running);
    }
}
