package com.exoquic.configurer.internal.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of {@code query_to_xml(query, nulls => true, tableforest => true, '')}: one {@code <row>} element
 * per row, holding one element per column in the query's order, {@code <c xsi:nil="true"/>} for NULL, and for an
 * array an {@code <element>} per (non-NULL) item. The server escapes {@code &}, {@code <}, {@code >} and carriage
 * returns in values, and writes nothing else; this reads exactly that form, with each column's element name (the
 * column's name as the query gives it, for names of letters, digits and underscores), and refuses anything else.
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

    /** The rows; a value is a String, a List of Strings (an array) or null. */
    static List<CatalogRow> parse(String xml) {
        return new XmlRows(xml).rows();
    }

    private List<CatalogRow> rows() {
        List<CatalogRow> rows = new ArrayList<>();
        skipSpace();
        while (at < xml.length()) {
            expect("<row");
            at = xml.indexOf('>', at) + 1;
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            skipSpace();
            while (!xml.startsWith("</row>", at)) {
                values.add(column(names));
                skipSpace();
            }
            at += "</row>".length();
            rows.add(new CatalogRow(names, values));
            skipSpace();
        }
        return rows;
    }

    private Object column(List<String> names) {
        expect("<");
        int nameEnd = at;
        while (nameEnd < xml.length() && xml.charAt(nameEnd) != '>' && xml.charAt(nameEnd) != ' ') {
            nameEnd++;
        }
        String name = xml.substring(at, nameEnd);
        names.add(name);
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
}
