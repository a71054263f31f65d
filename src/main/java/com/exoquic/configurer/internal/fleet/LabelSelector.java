package com.exoquic.configurer.internal.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses targets by their labels, in Kubernetes' selector syntax: requirements separated by commas, all of which
 * must hold: {@code key=value} (or {@code ==}), {@code key!=value}, {@code key} (has the label), {@code !key}
 * (has not), {@code key in (a,b)}, {@code key notin (a,b)}. A missing label never equals a value.
 */
public final class LabelSelector {
    private static final String KEY = "[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?";
    private static final String VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
    private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s*\\(([^)]*)\\)");
    private static final Pattern EQUALITY = Pattern.compile("(" + KEY + ")\\s*(==|=|!=)\\s*(" + VALUE + ")");
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*(" + KEY + ")");

    private final String text;
    private final List<Predicate<Map<String, String>>> requirements;

    private LabelSelector(String text, List<Predicate<Map<String, String>>> requirements) {
        this.text = text;
        this.requirements = requirements;
    }

    public static LabelSelector all() {
        return new LabelSelector("", List.of());
    }

    /** @throws IllegalArgumentException naming the requirement that does not parse */
    public static LabelSelector parse(String text) {
        List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
        for (String part : split(text)) {
            requirements.add(requirement(part.strip()));
        }
        return new LabelSelector(text, List.copyOf(requirements));
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(requirement -> requirement.test(labels));
    }

    @Override
    public String toString() {
        return text;
    }

    /** Label keys and values as selectors know them, for checking a target list's labels. */
    public static boolean validKey(String key) {
        return key.length() <= 253 && key.matches(KEY);
    }

    public static boolean validValue(String value) {
        return value.length() <= 63 && value.matches(VALUE);
    }

    private static Predicate<Map<String, String>> requirement(String part) {
        Matcher set = SET.matcher(part);
        if (set.matches()) {
            String key = set.group(1);
            Set<String> values = Set.copyOf(values(set.group(4), part));
            boolean in = set.group(3).equals("in");
            // Set.copyOf's sets throw on contains(null): a missing label is checked first.
            return labels -> labels.containsKey(key) ? in == values.contains(labels.get(key)) : !in;
        }
        Matcher equality = EQUALITY.matcher(part);
        if (equality.matches()) {
            String key = equality.group(1);
            String value = equality.group(4);
            boolean equal = !equality.group(3).equals("!=");
            return labels -> equal == value.equals(labels.get(key));
        }
        Matcher exists = EXISTS.matcher(part);
        if (exists.matches()) {
            String key = exists.group(2);
            boolean present = exists.group(1).isEmpty();
            return labels -> labels.containsKey(key) == present;
        }
        throw new IllegalArgumentException("'" + part + "' is not a label requirement: use key=value, key!=value,"
                + " key, !key, key in (a,b) or key notin (a,b) (keys and values: letters, digits, - _ .)");
    }

    private static List<String> values(String list, String part) {
        List<String> values = new ArrayList<>();
        for (String value : list.split(",", -1)) {
            String each = value.strip();
            if (!validValue(each) || each.isEmpty()) {
                throw new IllegalArgumentException("'" + part + "' lists '" + each + "', which is not a label value");
            }
            values.add(each);
        }
        return values;
    }

    /** Splits at commas outside parentheses. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            current.append(c);
        }
        parts.add(current.toString());
        if (parts.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("'" + text + "' has an empty requirement (two commas, or one at an end)");
        }
        return parts;
    }
}
