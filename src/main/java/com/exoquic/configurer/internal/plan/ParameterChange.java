package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.internal.postgres.ManagedParameter;

/** A server parameter the run raises: its running value, and the value the tool writes. */
public record ParameterChange(ManagedParameter parameter, String from) {

    public String to() {
        return parameter.wanted();
    }

    @Override
    public String toString() {
        return parameter.parameter() + ": " + from + " -> " + to();
    }
}
