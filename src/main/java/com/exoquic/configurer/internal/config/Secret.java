package com.exoquic.configurer.internal.config;

import java.util.Arrays;

/** A password or key. It prints as a mask, so it cannot leak through logs, reports or exceptions. */
public final class Secret {
    public static final String MASK = "********";
    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value.toCharArray());
    }

    public char[] chars() {
        return value.clone();
    }

    /** The plain value, for the few places that must send it (JDBC login, registration body). */
    public String reveal() {
        return new String(value);
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret && Arrays.equals(value, ((Secret) other).value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }
}
