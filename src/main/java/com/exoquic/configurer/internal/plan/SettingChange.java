package com.exoquic.configurer.internal.plan;

/** A server setting the run raises: its running value and the value it needs. */
public record SettingChange(String name, String from, String to) {

    @Override
    public String toString() {
        return name + ": " + from + " -> " + to;
    }
}
