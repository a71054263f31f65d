package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.internal.config.DatabaseUrl;
import com.exoquic.configurer.internal.config.Setting;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a target list: one connection URL per line ({@code #} comments and blank lines skipped), or a YAML or JSON
 * list whose entries are URLs or objects with {@code url} and the optional {@code name}, {@code labels},
 * {@code tables}, {@code slot} and {@code publication} (a top-level {@code targets:} key may hold the list). Every
 * bad entry is collected with its line number; a message never repeats a password.
 */
public final class TargetList {
    private static final Set<String> KEYS = Set.of("url", "name", "labels", "tables", "slot", "publication");
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());

    private final String source;
    private final List<Target> targets = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private TargetList(String source) {
        this.source = source;
    }

    /** The targets in {@code text}; {@code source} names it in messages (a file name, "the command's output"). */
    public static Parsed parse(String source, String text) {
        TargetList list = new TargetList(source);
        if (structured(text)) {
            list.readStructured(text);
        } else {
            list.readLines(text);
        }
        if (list.targets.isEmpty() && list.problems.isEmpty()) {
            list.problems.add(source + " lists no target");
        }
        return new Parsed(List.copyOf(list.targets), List.copyOf(list.problems));
    }

    /** What was read: targets, and a problem per bad entry (nothing runs while there is one). */
    public record Parsed(List<Target> targets, List<String> problems) {
    }

    private static boolean structured(String text) {
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            return stripped.startsWith("-") || stripped.startsWith("[") || stripped.startsWith("{")
                    || stripped.startsWith("targets:") || stripped.equals("---");
        }
        return false;
    }

    private void readLines(String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            add(where(i + 1), line, null, Map.of(), new EnumMap<>(Setting.class));
        }
    }

    private void readStructured(String text) {
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                if (parser.nextToken() != JsonToken.FIELD_NAME || !"targets".equals(parser.currentName())) {
                    problems.add(where(parser.currentTokenLocation()) + ": expected a list of targets, or a"
                            + " 'targets:' key holding one");
                    return;
                }
                token = parser.nextToken();
            }
            if (token != JsonToken.START_ARRAY) {
                problems.add(where(parser.currentTokenLocation()) + ": expected a list of targets");
                return;
            }
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                String where = where(parser.currentTokenLocation());
                JsonNode entry = YAML.readTree(parser);
                entry(where, entry);
            }
        } catch (JsonProcessingException e) {
            // The parser's own message may quote the offending text, which could be a password: say where only.
            problems.add(where(e.getLocation()) + ": not valid YAML or JSON"
                    + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            problems.add(source + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void entry(String where, JsonNode entry) {
        if (entry.isTextual()) {
            add(where, entry.asText(), null, Map.of(), new EnumMap<>(Setting.class));
            return;
        }
        if (!entry.isObject()) {
            problems.add(where + ": a target is a URL or an object with 'url', not " + entry.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        List<String> unknown = new ArrayList<>();
        entry.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            problems.add(where + ": unknown key(s) " + String.join(", ", unknown)
                    + " (a target takes url, name, labels, tables, slot, publication)");
            return;
        }
        JsonNode url = entry.get("url");
        if (url == null || !url.isTextual() || url.asText().isBlank()) {
            problems.add(where + ": the target has no 'url'");
            return;
        }
        Map<Setting, String> overrides = new EnumMap<>(Setting.class);
        putText(entry, "slot", Setting.SLOT, overrides, where);
        putText(entry, "publication", Setting.PUBLICATION, overrides, where);
        JsonNode tables = entry.get("tables");
        if (tables != null) {
            if (tables.isArray()) {
                List<String> each = new ArrayList<>();
                tables.forEach(table -> each.add(table.asText()));
                overrides.put(Setting.TABLES, String.join(",", each));
            } else if (tables.isValueNode()) {
                overrides.put(Setting.TABLES, tables.asText());
            } else {
                problems.add(where + ": 'tables' is a list or a comma-separated text");
            }
        }
        JsonNode name = entry.get("name");
        add(where, url.asText(), name == null ? null : name.asText(), labels(entry.get("labels"), where), overrides);
    }

    private void putText(JsonNode entry, String key, Setting setting, Map<Setting, String> into, String where) {
        JsonNode value = entry.get(key);
        if (value == null) {
            return;
        }
        if (!value.isValueNode()) {
            problems.add(where + ": '" + key + "' is a name, not a list or an object");
            return;
        }
        into.put(setting, value.asText());
    }

    private Map<String, String> labels(JsonNode labels, String where) {
        Map<String, String> result = new LinkedHashMap<>();
        if (labels == null || labels.isNull()) {
            return result;
        }
        if (!labels.isObject()) {
            problems.add(where + ": 'labels' is a map of label names to values, e.g. {tier: gold}");
            return result;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            String value = label.getValue().isValueNode() ? label.getValue().asText() : null;
            if (!LabelSelector.validKey(label.getKey()) || value == null || !LabelSelector.validValue(value)) {
                problems.add(where + ": label '" + label.getKey() + "' is not a label name with a value (letters,"
                        + " digits, - _ . ; values at most 63 characters)");
            } else {
                result.put(label.getKey(), value);
            }
        }
        return result;
    }

    private void add(String where, String url, String name, Map<String, String> labels, Map<Setting, String> overrides) {
        Map<Setting, String> parts;
        try {
            parts = DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return;
        }
        if (!parts.containsKey(Setting.DATABASE)) {
            problems.add(where + ": the URL names no database (postgres://user@host:port/DATABASE)");
            return;
        }
        if (name != null && name.isBlank()) {
            problems.add(where + ": 'name' is empty");
            return;
        }
        targets.add(new Target(name, parts, overrides, labels, where));
    }

    private String where(int line) {
        return source + " line " + line;
    }

    private String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? source : where(location.getLineNr());
    }
}
