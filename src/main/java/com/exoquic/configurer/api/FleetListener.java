package com.exoquic.configurer.api;

/** Hears a fleet run as it goes: how many targets are due, then each target as it finishes (from worker threads). */
public interface FleetListener {
    default void started(int targets, int skipped) {
    }

    void finished(TargetResult result);
}
