package com.exoquic.configurer.plan;

/** A server setting raised by the run: old value, new value, and whether it waits for a restart. */
public record SettingChange(String name, String from, String to, boolean pendingRestart) {

    @Override
    public String toString() {
        return name + ": " + from + " -> " + to + (pendingRestart ? " (restart needed)" : "");
    }
}
