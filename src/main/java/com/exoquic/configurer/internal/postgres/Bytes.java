package com.exoquic.configurer.internal.postgres;

import java.util.Locale;

/** Byte counts for people: 1.5 GB rather than 1610612736. */
public final class Bytes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

    private Bytes() {
    }

    public static String human(long bytes) {
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** Reads 1GB, 512MB, 10kB or a plain byte count. */
    public static long parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long factor = 1;
        for (int i = UNITS.length - 1; i > 0; i--) {
            String unit = UNITS[i].toUpperCase(Locale.ROOT);
            if (value.endsWith(unit)) {
                factor = 1L << (10 * i);
                value = value.substring(0, value.length() - unit.length());
                break;
            }
        }
        if (value.endsWith("B")) {
            value = value.substring(0, value.length() - 1);
        }
        return Math.round(Double.parseDouble(value) * factor);
    }
}
