package com.exoquic.configurer.internal.postgres;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exact form query_to_xml(query, true, true, '') writes, as PostgreSQL 12 to 18 write it. */
@Tag("unit")
class XmlRowsTest {
    private static final String OPEN = "<row xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n";

    @Test
    void readsValuesNullsArraysAndEscapesByPositionAndByName() {
        String xml = OPEN
                + "  <arr><element>a&lt;b</element><element>c&amp;d</element><element>x&#x0d;y\nz</element></arr>\n"
                + "  <e></e>\n"
                + "  <b>true</b>\n"
                + "  <n>5</n>\n"
                + "  <nul xsi:nil=\"true\"/>\n"
                + "  <s>\t \"q\" 's' é &amp;lt; &gt;</s>\n"
                + "  <Foo_x0020_Bar>1</Foo_x0020_Bar>\n"
                + "</row>\n\n"
                + OPEN + "  <arr xsi:nil=\"true\"/>\n  <e xsi:nil=\"true\"/>\n  <b>false</b>\n  <n>-1</n>\n"
                + "  <nul>x</nul>\n  <s></s>\n  <Foo_x0020_Bar>2</Foo_x0020_Bar>\n</row>\n\n";

        List<CatalogRow> rows = XmlRows.parse(xml);

        assertThat(rows).hasSize(2);
        CatalogRow first = rows.get(0);
        assertThat(first.texts(0)).containsExactly("a<b", "c&d", "x\ry\nz");
        assertThat(first.texts(1)).isEmpty();
        assertThat(first.bool(2)).isTrue();
        assertThat(first.number(3)).isEqualTo(5L);
        assertThat(first.text(4)).isNull();
        assertThat(first.text(5)).isEqualTo("\t \"q\" 's' é &lt; >");
        assertThat(first.integer(6)).isEqualTo(1);
        assertThat(first.text("s")).as("by the column's name").isEqualTo(first.text(5));
        assertThat(first.texts("arr")).containsExactly("a<b", "c&d", "x\ry\nz");
        assertThat(first.bool("b")).isTrue();
        assertThat(first.integer("Foo_x0020_Bar")).isEqualTo(1);
        assertThatThrownBy(() -> first.text("missing")).hasMessageContaining("no column missing");
        CatalogRow second = rows.get(1);
        assertThat(second.texts(0)).isEmpty();
        assertThat(second.bool(2)).isFalse();
        assertThat(second.integer(3)).isEqualTo(-1);
        assertThat(second.text(5)).isEmpty();
    }

    @Test
    void noRowsIsAnEmptyDocument() {
        assertThat(XmlRows.parse("")).isEmpty();
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> XmlRows.parse("<table><row><a>1</a></row></table>"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> XmlRows.parse(OPEN + "  <a>1<b/></a>\n</row>"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> XmlRows.parse(OPEN + "  <a>1</a>\n"))
                .isInstanceOf(IllegalStateException.class);
    }
}
