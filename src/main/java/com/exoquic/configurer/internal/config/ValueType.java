package com.exoquic.configurer.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What kind of value a {@link Setting} holds: how its text is read into a {@code T}, what it accepts, and how that
 * is described in help and the README. A rejected value throws {@link InvalidValue} with the sentence that follows
 * the setting's source (flag or variable) in the problem list. The kinds that read into the same Java type share a
 * sub-interface ({@link TextValue}, {@link NameValue}), which is what {@link Setting}'s typed reads ask for.
 */
public sealed interface ValueType<T> {

    /** @param value the raw text, {@code null} when the setting has no value at all */
    T parse(String value, Setting setting) throws InvalidValue;

    /** Stands in for a rejected value, so the loader can go on and report every other problem too. */
    default T fallback() {
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

    /** The kinds read as text. */
    sealed interface TextValue extends ValueType<String> {
    }

    /** The kinds read as a PostgreSQL name. */
    sealed interface NameValue extends ValueType<Identifier> {
    }

    /** Free text that must not be empty. */
    record Text() implements TextValue {
        @Override
        public String parse(String value, Setting setting) throws InvalidValue {
            if (value == null || value.isBlank()) {
                throw new InvalidValue(" is empty; " + setting.description());
            }
            return value.trim();
        }

        @Override
        public String fallback() {
            return "";
        }

        @Override
        public String accepts() {
            return "text";
        }
    }

    /**
     * A host name or an IP address, optional (blank means unset): what Exoquic connects to, so it is printed in the
     * report and sent to the cloud. Anything else (a URL, a port, white space or a line break inside) is refused, so
     * the value can neither point somewhere unexpected nor forge a line of the report. An IPv6 address is taken bare
     * or in brackets, and kept bare.
     */
    record HostName() implements TextValue {
        private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
        private static final Pattern NUMBER = Pattern.compile("[0-9]{1,3}");
        private static final int MAX_LENGTH = 253;

        @Override
        public String parse(String value, Setting setting) throws InvalidValue {
            if (value == null || value.isBlank()) {
                return null;
            }
            String host = value.trim();
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (bare.contains(":") ? isIpv6(bare) : host.equals(bare) && isHostName(host)) {
                return bare;
            }
            throw new InvalidValue(quoted(value) + " is not a host name or IP address; give only the host Exoquic"
                    + " connects to (no scheme, port or path), e.g. db.example.com, 203.0.113.7 or 2001:db8::7");
        }

        private static boolean isHostName(String host) {
            List<String> labels = List.of(host.split("\\.", -1));
            if (host.length() > MAX_LENGTH || !labels.stream().allMatch(label -> LABEL.matcher(label).matches())) {
                return false;
            }
            // All digits: an IPv4 address, so four numbers up to 255.
            return !labels.stream().allMatch(label -> label.chars().allMatch(Character::isDigit))
                    || labels.size() == 4 && labels.stream()
                    .allMatch(label -> NUMBER.matcher(label).matches() && Integer.parseInt(label) <= 255);
        }

        // java.net.URI checks an IPv6 literal's syntax without a name lookup.
        private static boolean isIpv6(String address) {
            try {
                return address.matches("[0-9A-Fa-f:.]+")
                        && new URI("tcp", null, "[" + address + "]", -1, null, null, null).getHost() != null;
            } catch (URISyntaxException e) {
                return false;
            }
        }

        @Override
        public String accepts() {
            return "host name or IP address, optional";
        }
    }

    /** A whole number in a range. */
    record WholeNumber(int min, int max) implements ValueType<Integer> {
        @Override
        public Integer parse(String value, Setting setting) throws InvalidValue {
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
        public Integer fallback() {
            return min;
        }

        @Override
        public String accepts() {
            return min + "-" + max;
        }
    }

    /** A whole number of seconds in a range. */
    record Seconds(int min, int max) implements ValueType<Duration> {
        @Override
        public Duration parse(String value, Setting setting) throws InvalidValue {
            return Duration.ofSeconds(new WholeNumber(min, max).parse(value, setting));
        }

        @Override
        public Duration fallback() {
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
    record Size(long unit, boolean optional) implements ValueType<Long> {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?)\\s*(kB|MB|GB|TB|B)?",
                Pattern.CASE_INSENSITIVE);
        private static final List<String> UNITS = List.of("KB", "MB", "GB", "TB");

        @Override
        public Long parse(String value, Setting setting) throws InvalidValue {
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
        public Long fallback() {
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
    record TimeSpan(boolean optional) implements ValueType<Duration> {
        private static final Pattern SPAN = Pattern.compile("(\\d{1,10})\\s*(s|min|h|d)?");

        @Override
        public Duration parse(String value, Setting setting) throws InvalidValue {
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
    record Bool() implements ValueType<Boolean> {
        @Override
        public Boolean parse(String value, Setting setting) throws InvalidValue {
            String text = value == null ? "" : value.trim();
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw new InvalidValue(quoted(text) + " is not true or false; " + setting.description());
            }
            return text.equalsIgnoreCase("true");
        }

        @Override
        public Boolean fallback() {
            return false;
        }

        @Override
        public String accepts() {
            return "true or false";
        }
    }

    /** One of a fixed list of words, exactly as spelled; {@code noun} names what the word is. */
    record Choice(String noun, List<String> values) implements TextValue {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public String parse(String value, Setting setting) throws InvalidValue {
            String text = value == null ? "" : value.trim();
            if (!values.contains(text)) {
                throw new InvalidValue(quoted(text) + " is not " + noun + "; use " + accepts());
            }
            return text;
        }

        @Override
        public String fallback() {
            return values.get(0);
        }

        @Override
        public String accepts() {
            return values.size() == 2 ? values.get(0) + " or " + values.get(1)
                    : "one of " + String.join(", ", values);
        }
    }

    /** A PostgreSQL identifier (a publication), kept exactly as given; surrounding white space is refused. */
    record Name() implements NameValue {
        @Override
        public Identifier parse(String value, Setting setting) throws InvalidValue {
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
    record RoleName() implements NameValue {
        private static final java.util.Set<String> RESERVED =
                java.util.Set.of("public", "none", "current_user", "session_user", "current_role");

        @Override
        public Identifier parse(String value, Setting setting) throws InvalidValue {
            Identifier name = new Name().parse(value, setting);
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
    record SlotName() implements NameValue {
        private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

        @Override
        public Identifier parse(String value, Setting setting) throws InvalidValue {
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
    record TableList() implements ValueType<CaptureSet> {
        @Override
        public CaptureSet parse(String value, Setting setting) throws InvalidValue {
            try {
                return TableListParser.parse(value);
            } catch (IllegalArgumentException e) {
                // The parser's message quotes the offending part, not the whole list.
                throw new InvalidValue(" cannot be read: " + e.getMessage());
            }
        }

        @Override
        public CaptureSet fallback() {
            return CaptureSet.allTables();
        }

        @Override
        public String accepts() {
            return "table list";
        }
    }

    /** An http(s) URL with a host. */
    record HttpUrl() implements ValueType<URI> {
        @Override
        public URI parse(String value, Setting setting) throws InvalidValue {
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
    record ConnectionUrl() implements ValueType<Map<Setting, String>> {
        @Override
        public Map<Setting, String> parse(String value, Setting setting) throws InvalidValue {
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
        public Map<Setting, String> fallback() {
            return Map.of();
        }

        @Override
        public String accepts() {
            return "postgres:// or jdbc:postgresql:// URL, optional";
        }
    }

    /** A password or key; its flag names a file holding it, so it never shows in a process list. */
    record SecretValue() implements ValueType<Secret> {
        @Override
        public Secret parse(String value, Setting setting) {
            return Secret.of(value);
        }

        @Override
        public String accepts() {
            return "secret, optional";
        }
    }
}
