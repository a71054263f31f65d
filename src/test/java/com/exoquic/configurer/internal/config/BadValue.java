package com.exoquic.configurer.internal.config;

import java.util.List;

/**
 * A value each kind of setting rejects, with what the problem must say about it. Secret settings are bad
 * as a flag naming a missing file.
 *
 * @param flagValue the value to give on the command line, {@code null} when the flag cannot carry a bad one
 * @param envValue  the value to give as environment variable, {@code null} when the variable cannot be bad
 * @param says      what the problem must contain besides the flag or variable
 */
public record BadValue(String flagValue, String envValue, List<String> says) {

    public static final String MISSING_FILE = "/no/such/dir/secret.txt";
    private static final String URL_PASSWORD = "hunter2";

    /** {@code null} when nothing is a bad value for the setting. */
    public static BadValue of(Setting setting) {
        ValueType<?> type = setting.type();
        if (type instanceof ValueType.WholeNumber number) {
            return both("abc", "'abc'", "from " + number.min() + " to " + number.max());
        }
        if (type instanceof ValueType.Seconds seconds) {
            String tooMany = Integer.toString(seconds.max() + 1);
            return both(tooMany, "'" + tooMany + "'", "from " + seconds.min() + " to " + seconds.max());
        }
        if (type instanceof ValueType.Size size) {
            return both(size.unit() > 1 ? "1500kB" : "lots", "is not a size", size.unit() > 1 ? "50GB" : "2GB");
        }
        if (type instanceof ValueType.TimeSpan) {
            return both("2 weeks", "'2 weeks'", "2d, 12h, 30min or 90s");
        }
        if (type instanceof ValueType.Bool) {
            return new BadValue(null, "yes", List.of("'yes'", "true or false"));
        }
        if (type instanceof ValueType.Choice choice) {
            return both("nope", "'nope'", choice.accepts());
        }
        if (type instanceof ValueType.Name || type instanceof ValueType.RoleName) {
            return both("n".repeat(64), "64 bytes", "at most 63");
        }
        if (type instanceof ValueType.SlotName) {
            return both("My-Slot", "'My-Slot'", "lower-case letters, digits and underscores");
        }
        if (type instanceof ValueType.TableList) {
            return both("a,,b", "expected a table name");
        }
        if (type instanceof ValueType.HttpUrl) {
            return both("ftp://example.com", "'ftp://example.com'", "http(s)");
        }
        if (type instanceof ValueType.ConnectionUrl) {
            return both("mysql://admin:" + URL_PASSWORD + "@db/app", "not a usable database URL", "postgres://");
        }
        if (type instanceof ValueType.HostName) {
            return both("https://db.example.com", "'https://db.example.com'", "host name or IP address");
        }
        if (type instanceof ValueType.Text) {
            return new BadValue(" ", null, List.of("is empty"));
        }
        if (type instanceof ValueType.SecretValue) {
            return new BadValue(MISSING_FILE, null, List.of(MISSING_FILE, "cannot be read", "readable file"));
        }
        return null;
    }

    /** What must never show in the problem (the password inside a bad URL). */
    public String neverSays() {
        return URL_PASSWORD;
    }

    private static BadValue both(String value, String... says) {
        return new BadValue(value, value, List.of(says));
    }
}
