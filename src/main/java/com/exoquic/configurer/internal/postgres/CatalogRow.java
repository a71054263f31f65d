package com.exoquic.configurer.internal.postgres;

import java.util.List;

/**
 * One row of a catalog query, its values by column position (0-based), as {@link CatalogRead} returns them whichever
 * way they came back (through query_to_xml, or as arrays).
 */
record CatalogRow(List<Object> values) {
    String text(int column) {
        return (String) values.get(column);
    }

    boolean bool(int column) {
        return "true".equals(values.get(column));
    }

    Integer integer(int column) {
        String value = text(column);
        return value == null ? null : Integer.valueOf(value);
    }

    Long number(int column) {
        String value = text(column);
        return value == null ? null : Long.valueOf(value);
    }

    /** An array column; an empty array comes as an empty element, NULL as an empty list. */
    @SuppressWarnings("unchecked")
    List<String> texts(int column) {
        Object value = values.get(column);
        if (value == null || "".equals(value)) {
            return List.of();
        }
        return List.copyOf((List<String>) value);
    }
}
