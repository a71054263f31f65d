package com.exoquic.configurer.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What kind of value a {@link Setting} holds: how its text is read, what it accepts, and how that is
 * described in help and the README. A rejected value throws {@link InvalidValue} with the sentence that
 * follows the setting's source (flag or variable) in the problem list.
 */
public sealed interface ValueType {

    /** @param value the raw text, {@code null} when the setting has no value at all */
    Object parse(String value, Setting setting) throws InvalidValue;

    /** Stands in for a rejected value, so the loader can go on and report every other problem too. */
    default Object fallback() {
        return null;
    }

    /** What is accepted, for help and the README ("" when the description says it all). */
    String accepts();

    /** A rejected value; the message continues "SOURCE", e.g. " = 'x' is not ...". */
    final class InvalidValue extends Exception {
        public InvalidValue(String message) {
            super(message, null, false, false);
        }
    }

    /** How a rejected value is shown: control characters made visible, and a long one cut. */
    private static String quoted(String value) {
        if (value == null) {
            return " = ''";
        }
        String shown = value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "... ("
                + value.length() + " characters)";
        StringBuilder visible = new StringBuilder();
        shown.codePoints().forEach(c -> visible.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return " = '" + visible + "'";
    }

    int MAX_SHOWN = 80;

    /** Free text that must not be empty. */
    record Text() implements ValueType {
        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            if (value == null || value.isBlank()) {
                throw new InvalidValue(" is empty; " + setting.description());
            }
            return value.trim();
        }

        @Override
        public Object fallback() {
            return "";
        }

        @Override
        public String accepts() {
            return "text";
        }
    }

    /** Free text; blank means unset ({@code null}). */
    record OptionalText() implements ValueType {
        @Override
        public Object parse(String value, Setting setting) {
            return value == null || value.isBlank() ? null : value.trim();
        }

        @Override
        public String accepts() {
            return "text, optional";
        }
    }

    /** A whole number in a range. */
    record WholeNumber(int min, int max) implements ValueType {
        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            try {
                int number = Integer.parseInt(value.trim());
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException | NullPointerException e) {
                // reported below
            }
            throw new InvalidValue(quoted(value) + " is not a whole number from " + min + " to " + max
                    + "; " + setting.description());
        }

        @Override
        public Object fallback() {
            return min;
        }

        @Override
        public String accepts() {
            return min + "-" + max;
        }
    }

    /** A whole number of seconds in a range. */
    record Seconds(int min, int max) implements ValueType {
        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            return Duration.ofSeconds((Integer) new WholeNumber(min, max).parse(value, setting));
        }

        @Override
        public Object fallback() {
            return Duration.ofSeconds(min);
        }

        @Override
        public String accepts() {
            return "seconds, " + min + "-" + max;
        }
    }

    /**
     * A size in bytes ({@code 512MB}, {@code 50GB}, {@code 1TB}, {@code 64kB} or a plain byte count), a whole multiple
     * of {@code unit}, which is also the least; blank means unset ({@code null}) when {@code optional}.
     */
    record Size(long unit, boolean optional) implements ValueType {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?)\\s*(kB|MB|GB|TB|B)?",
                Pattern.CASE_INSENSITIVE);
        private static final List<String> UNITS = List.of("KB", "MB", "GB", "TB");

        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            if (optional && (value == null || value.isBlank())) {
                return null;
            }
            var match = value == null ? null : SIZE.matcher(value.trim());
            if (match != null && match.matches()) {
                String suffix = match.group(2) == null ? "B" : match.group(2).toUpperCase(java.util.Locale.ROOT);
                int power = UNITS.indexOf(suffix) + 1; // B (not listed) is 0
                double bytes = Double.parseDouble(match.group(1)) * Math.pow(1024, power);
                if (bytes >= unit && bytes <= Long.MAX_VALUE && bytes % unit == 0) {
                    return (long) bytes;
                }
            }
            throw new InvalidValue(quoted(value) + " is not a size" + (unit > 1 ? " in whole megabytes" : "")
                    + "; use e.g. " + (unit > 1 ? "512MB or 50GB" : "512MB or 2GB"));
        }

        @Override
        public Object fallback() {
            return optional ? null : unit;
        }

        @Override
        public String accepts() {
            return (unit > 1 ? "size in MB, GB or TB" : "size (kB, MB, GB, TB)") + (optional ? ", optional" : "");
        }
    }

    /**
     * A duration as PostgreSQL writes one: a whole number with s, min, h or d ({@code 90s}, {@code 30min},
     * {@code 12h}, {@code 2d}), or plain seconds; blank means unset ({@code null}) when {@code optional}.
     */
    record TimeSpan(boolean optional) implements ValueType {
        private static final Pattern SPAN = Pattern.compile("(\\d{1,10})\\s*(s|min|h|d)?");

        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            if (optional && (value == null || value.isBlank())) {
                return null;
            }
            var match = value == null ? null : SPAN.matcher(value.trim());
            if (match != null && match.matches()) {
                long amount = Long.parseLong(match.group(1));
                Duration span = switch (match.group(2) == null ? "s" : match.group(2)) {
                    case "min" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> Duration.ofSeconds(amount);
                };
                if (span.getSeconds() >= 1 && span.getSeconds() <= Integer.MAX_VALUE) {
                    return span;
                }
            }
            throw new InvalidValue(quoted(value) + " is not a duration from 1s; use e.g. 2d, 12h, 30min or 90s");
        }

        @Override
        public String accepts() {
            return "duration (s, min, h, d)" + (optional ? ", optional" : "");
        }
    }

    /** true or false, any case. */
    record Bool() implements ValueType {
        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            String text = value == null ? "" : value.trim();
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw new InvalidValue(quoted(text) + " is not true or false; " + setting.description());
            }
            return text.equalsIgnoreCase("true");
        }

        @Override
        public Object fallback() {
            return false;
        }

        @Override
        public String accepts() {
            return "true or false";
        }
    }

    /** One of a fixed list of words, exactly as spelled; {@code noun} names what the word is. */
    record Choice(String noun, List<String> values) implements ValueType {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            String text = value == null ? "" : value.trim();
            if (!values.contains(text)) {
                throw new InvalidValue(quoted(text) + " is not " + noun + "; use " + accepts());
            }
            return text;
        }

        @Override
        public Object fallback() {
            return values.get(0);
        }

        @Override
        public String accepts() {
            return values.size() == 2 ? values.get(0) + " or " + values.get(1)
                    : "one of " + String.join(", ", values);
        }
    }

    /** A PostgreSQL identifier (a publication), kept exactly as given; surrounding white space is refused. */
    record Name() implements ValueType {
        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            String name = value == null ? "" : value;
            if (!name.equals(name.strip())) {
                throw new InvalidValue(quoted(value) + " starts or ends with white space, which PostgreSQL would keep"
                        + " as part of the name; remove it");
            }
            try {
                return Identifier.of(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidValue(quoted(value) + " is not a usable name: " + e.getMessage());
            }
        }

        @Override
        public String accepts() {
            return "name, at most " + Identifier.MAX_BYTES + " bytes";
        }
    }

    /** A role name: a {@link Name} that is neither reserved by PostgreSQL nor in its pg_ name space. */
    record RoleName() implements ValueType {
        private static final java.util.Set<String> RESERVED =
                java.util.Set.of("public", "none", "current_user", "session_user", "current_role");

        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            Object name = new Name().parse(value, setting);
            String text = name.toString();
            if (RESERVED.contains(text.toLowerCase(java.util.Locale.ROOT)) || text.startsWith("pg_")) {
                throw new InvalidValue(quoted(value) + " is reserved by PostgreSQL (PUBLIC, NONE, CURRENT_USER,"
                        + " SESSION_USER, CURRENT_ROLE and names starting with pg_ cannot be a role's name);"
                        + " choose another, e.g. exoquic_replication");
            }
            return name;
        }

        @Override
        public String accepts() {
            return "role name, at most " + Identifier.MAX_BYTES + " bytes, not reserved";
        }
    }

    /** A replication slot name: PostgreSQL is stricter here than for other names. */
    record SlotName() implements ValueType {
        private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            if (value == null || !SLOT_NAME.matcher(value).matches()) {
                throw new InvalidValue(quoted(value) + " is not a valid slot name; PostgreSQL allows only lower-case"
                        + " letters, digits and underscores, 1 to 63 characters (e.g. exoquic_replication_slot)");
            }
            return Identifier.of(value);
        }

        @Override
        public String accepts() {
            return "[a-z0-9_]{1,63}";
        }
    }

    /** A comma-separated table list (see {@link TableListParser}). */
    record TableList() implements ValueType {
        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            try {
                return TableListParser.parse(value);
            } catch (IllegalArgumentException e) {
                // The parser's message quotes the offending part, not the whole list.
                throw new InvalidValue(" cannot be read: " + e.getMessage());
            }
        }

        @Override
        public Object fallback() {
            return CaptureSet.allTables();
        }

        @Override
        public String accepts() {
            return "table list";
        }
    }

    /** An http(s) URL with a host. */
    record HttpUrl() implements ValueType {
        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            try {
                URI uri = new URI(value.trim());
                if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                    return uri;
                }
            } catch (URISyntaxException | NullPointerException e) {
                // reported below
            }
            throw new InvalidValue(quoted(value) + " is not an http(s) URL; use for example " + setting.defaultValue());
        }

        @Override
        public String accepts() {
            return "http(s) URL";
        }
    }

    /** A database URL, split into the connection settings it carries (see {@link DatabaseUrl}). */
    record ConnectionUrl() implements ValueType {
        @Override
        public Object parse(String value, Setting setting) throws InvalidValue {
            if (value == null || value.isBlank()) {
                return Map.of();
            }
            try {
                return DatabaseUrl.parse(value);
            } catch (IllegalArgumentException e) {
                // The URL may hold a password: never repeat the value.
                throw new InvalidValue(" is not a usable database URL: " + e.getMessage()
                        + "; use postgres://user:password@host:5432/database?sslmode=require");
            }
        }

        @Override
        public Object fallback() {
            return Map.of();
        }

        @Override
        public String accepts() {
            return "postgres:// or jdbc:postgresql:// URL, optional";
        }
    }

    /** A password or key; its flag names a file holding it, so it never shows in a process list. */
    record SecretValue() implements ValueType {
        @Override
        public Object parse(String value, Setting setting) {
            return Secret.of(value);
        }

        @Override
        public String accepts() {
            return "secret, optional";
        }
    }
}
