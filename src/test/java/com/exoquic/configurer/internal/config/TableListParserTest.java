package com.exoquic.configurer.internal.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

@Tag("unit")
class TableListParserTest {

    private static List<TableName> tables(String text) {
        return TableListParser.parse(text).tables();
    }

    private static TableName table(String schema, String table) {
        return TableName.of(schema, table);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n"})
    void emptyMeansAllTables(String text) {
        CaptureSet capture = TableListParser.parse(text);
        assertThat(capture.isAllTables()).isTrue();
        assertThat(capture).isEqualTo(CaptureSet.allTables()).hasToString("all tables");
    }

    @Test
    void anUnqualifiedNameIsInPublic() {
        assertThat(tables("orders")).containsExactly(table("public", "orders"));
    }

    @Test
    void aQualifiedNameKeepsItsSchema() {
        assertThat(tables("sales.orders")).containsExactly(table("sales", "orders"));
    }

    @Test
    void unquotedNamesAreFoldedToLowerCase() {
        assertThat(tables("Sales.OrderItems, CUSTOMERS")).containsExactly(
                table("public", "customers"), table("sales", "orderitems"));
    }

    @Test
    void plainNamesMayHoldDigitsUnderscoresAndDollars() {
        assertThat(tables("_t1, a$b, Tab_2")).containsExactly(
                table("public", "_t1"), table("public", "a$b"), table("public", "tab_2"));
    }

    @Test
    void quotedNamesAreKeptExactly() {
        assertThat(tables("\"Sales\".\"Order Items\"")).containsExactly(table("Sales", "Order Items"));
        assertThat(TableListParser.parse("\"Sales\".\"Order Items\"")).hasToString("\"Sales\".\"Order Items\"");
    }

    @Test
    void quotedNamesMayHoldDotsCommasSpacesAndDoubledQuotes() {
        assertThat(tables("\"a.b\".\"c,d\", \"a\"\"b\", \" x \", \"*\""))
                .containsExactlyInAnyOrder(
                        table("a.b", "c,d"), table("public", "a\"b"), table("public", " x "), table("public", "*"));
    }

    @Test
    void quotedAndUnquotedPartsMix() {
        assertThat(tables("\"Sales\".orders, sales.\"Orders\"")).containsExactly(
                table("Sales", "orders"), table("sales", "Orders"));
    }

    @Test
    void duplicatesCollapse() {
        assertThat(tables("orders, public.orders, ORDERS, \"public\".\"orders\", orders"))
                .containsExactly(table("public", "orders"));
    }

    @Test
    void quotedNamesDifferingInCaseStayApart() {
        assertThat(tables("\"Orders\", orders")).containsExactly(table("public", "Orders"), table("public", "orders"));
    }

    @Test
    void aSchemaWildcardCapturesTheWholeSchema() {
        CaptureSet capture = TableListParser.parse("sales.*, \"Big Data\".*");
        assertThat(capture.schemas()).containsExactly(Identifier.of("Big Data"), Identifier.of("sales"));
        assertThat(capture.tables()).isEmpty();
        assertThat(capture.isAllTables()).isFalse();
        assertThat(capture).hasToString("\"Big Data\".*, \"sales\".*");
    }

    @Test
    void tablesInsideAWildcardSchemaCollapseIntoIt() {
        CaptureSet capture = TableListParser.parse("sales.orders, sales.*, SALES.items, public.orders, sales . *");
        assertThat(capture.schemas()).containsExactly(Identifier.of("sales"));
        assertThat(capture.tables()).containsExactly(table("public", "orders"));
        assertThat(capture).hasToString("\"sales\".*, \"public\".\"orders\"");
    }

    @Test
    void aWildcardOfAQuotedSchemaDoesNotSwallowAnotherCase() {
        CaptureSet capture = TableListParser.parse("\"Sales\".*, sales.orders");
        assertThat(capture.schemas()).containsExactly(Identifier.of("Sales"));
        assertThat(capture.tables()).containsExactly(table("sales", "orders"));
    }

    @Test
    void whitespaceAroundEntriesAndDotsIsIgnored() {
        assertThat(tables("  orders ,\tsales . items\n,\"A B\"  ")).containsExactly(
                table("public", "A B"), table("public", "orders"), table("sales", "items"));
    }

    @Test
    void aNameOfSixtyThreeBytesIsAccepted() {
        String name = "\u00e9".repeat(31) + "a"; // 63 bytes
        assertThat(tables("\"" + name + "\"")).containsExactly(table("public", name));
    }

    static Stream<Arguments> badLists() {
        String longName = "\u00e9".repeat(32); // 32 two-byte characters = 64 bytes
        return Stream.of(
                // input, what the message must contain
                arguments("x; DROP TABLE y", List.of("x;", "double quotes", "\"x;\"")),
                arguments("orders; select 1", List.of("orders;", "double quotes")),
                arguments("9lives", List.of("9lives", "double quotes")),
                arguments("caf\u00e9", List.of("caf\u00e9", "double quotes")),
                arguments("my-table", List.of("my-table", "double quotes")),
                arguments("\"unclosed", List.of("not closed", "\"unclosed")),
                arguments("sales.\"Orders", List.of("not closed", "sales.\"Orders")),
                arguments("a,,b", List.of("expected a table name", "position 3", "a,,b")),
                arguments("a,", List.of("expected a table name", "a,")),
                arguments(",a", List.of("expected a table name", ",a")),
                arguments("sales.", List.of("expected a table name", "sales.")),
                arguments(".orders", List.of("expected a table name", ".orders")),
                arguments("a.b.c", List.of("expected ','", "a.b.c")),
                arguments("a b", List.of("expected ','", "a b")),
                arguments("\"a\"b", List.of("expected ','", "\"a\"b")),
                arguments("sales.*.x", List.of("expected ','", "sales.*.x")),
                arguments("\"\"", List.of("empty", "\"\"")),
                arguments("orders, \"\".x", List.of("empty", "position 9", "orders, \"\".x")),
                arguments("\"" + longName + "\"", List.of(longName, "64 bytes", "at most 63")),
                arguments("s." + "t".repeat(64), List.of("t".repeat(64), "64 bytes", "at most 63")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badLists")
    void rejectsABadListSayingWhatAndHowToFixIt(String text, List<String> fragments) {
        assertThatThrownBy(() -> TableListParser.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .message().contains(fragments);
    }
}
