package com.exoquic.configurer.internal.postgres;

import java.util.List;

/**
 * One row of a catalog query, as {@link CatalogRead} returns it whichever way it came back (through query_to_xml, or
 * as arrays): its values by column name (as the query names them; query_to_xml's element names) or, for callers that
 * have not moved to names, by position (0-based). A name the query does not have fails loudly: a renamed column in a
 * template cannot turn into a silent null.
 */
record CatalogRow(List<String> names, List<Object> values) {
    String text(String column) {
        return text(index(column));
    }

    boolean bool(String column) {
        return bool(index(column));
    }

    Integer integer(String column) {
        return integer(index(column));
    }

    Long number(String column) {
        return number(index(column));
    }

    List<String> texts(String column) {
        return texts(index(column));
    }

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

    private int index(String column) {
        int index = names.indexOf(column);
        if (index < 0) {
            throw new IllegalStateException("the catalog query has no column " + column + " (it has " + names + ")");
        }
        return index;
    }
}
