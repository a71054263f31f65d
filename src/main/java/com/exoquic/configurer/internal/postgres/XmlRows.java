package com.exoquic.configurer.internal.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of {@code query_to_xml(query, nulls => true, tableforest => true, '')}: one {@code <row>} element
 * per row, holding one element per column in the query's order, {@code <c xsi:nil="true"/>} for NULL, and for an
 * array an {@code <element>} per (non-NULL) item. The server escapes {@code &}, {@code <}, {@code >} and carriage
 * returns in values, and writes nothing else; this reads exactly that form, by position, and refuses anything else.
 */
final class XmlRows {
    private static final String NIL = " xsi:nil=\"true\"/>";
    private static final String ELEMENT = "<element>";
    private static final String ELEMENT_END = "</element>";

    private final String xml;
    private int at;

    private XmlRows(String xml) {
        this.xml = xml;
    }

    /** The rows, each a list of column values: a String, a List of Strings (an array) or null. */
    static List<Row> parse(String xml) {
        return new XmlRows(xml).rows();
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        skipSpace();
        while (at < xml.length()) {
            expect("<row");
            at = xml.indexOf('>', at) + 1;
            List<Object> values = new ArrayList<>();
            skipSpace();
            while (!xml.startsWith("</row>", at)) {
                values.add(column());
                skipSpace();
            }
            at += "</row>".length();
            rows.add(new Row(values));
            skipSpace();
        }
        return rows;
    }

    private Object column() {
        expect("<");
        int nameEnd = at;
        while (nameEnd < xml.length() && xml.charAt(nameEnd) != '>' && xml.charAt(nameEnd) != ' ') {
            nameEnd++;
        }
        String name = xml.substring(at, nameEnd);
        at = nameEnd;
        if (xml.startsWith(NIL, at)) {
            at += NIL.length();
            return null;
        }
        expect(">");
        String end = "</" + name + ">";
        Object value;
        if (xml.startsWith(ELEMENT, at)) {
            List<String> items = new ArrayList<>();
            while (xml.startsWith(ELEMENT, at)) {
                at += ELEMENT.length();
                items.add(text(ELEMENT_END));
                expect(ELEMENT_END);
            }
            value = items;
        } else {
            value = text(end);
        }
        expect(end);
        return value;
    }

    /** The text up to {@code end} (not consumed), unescaped. */
    private String text(String end) {
        int stop = xml.indexOf(end, at);
        if (stop < 0) {
            throw malformed();
        }
        String raw = xml.substring(at, stop);
        at = stop;
        if (raw.indexOf('<') >= 0) {
            throw malformed();
        }
        if (raw.indexOf('&') < 0) {
            return raw;
        }
        return raw.replace("&lt;", "<").replace("&gt;", ">").replace("&#x0d;", "\r").replace("&amp;", "&");
    }

    private void expect(String token) {
        if (!xml.startsWith(token, at)) {
            throw malformed();
        }
        at += token.length();
    }

    private void skipSpace() {
        while (at < xml.length() && Character.isWhitespace(xml.charAt(at))) {
            at++;
        }
    }

    private IllegalStateException malformed() {
        return new IllegalStateException("unexpected query_to_xml output at offset " + at);
    }

    /** One row's values by column position (0-based). */
    record Row(List<Object> values) {
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
}
