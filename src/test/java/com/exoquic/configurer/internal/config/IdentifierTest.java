package com.exoquic.configurer.internal.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class IdentifierTest {

    @Test
    void keepsTheNameExactlyAsGiven() {
        Identifier id = Identifier.of("Order Items");
        assertThat(id.name()).isEqualTo("Order Items");
        assertThat(id).hasToString("Order Items");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "orders        | \"orders\"",
            "Order Items   | \"Order Items\"",
            "a\"b          | \"a\"\"b\"",
            "\"            | \"\"\"\"",
            "x\"; DROP TABLE y; --  | \"x\"\"; DROP TABLE y; --\"",
    })
    void quotedDoublesInnerQuotes(String name, String quoted) {
        assertThat(Identifier.of(name).quoted()).isEqualTo(quoted);
    }

    @Test
    void acceptsSixtyThreeBytes() {
        assertThat(Identifier.of("a".repeat(63)).name()).hasSize(63);
        // 31 two-byte characters plus one ASCII character = 63 bytes
        assertThat(Identifier.of("é".repeat(31) + "a").name()).hasSize(32);
    }

    @Test
    void rejectsSixtyFourBytes() {
        assertThatThrownBy(() -> Identifier.of("a".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 bytes")
                .hasMessageContaining("at most 63");
    }

    @Test
    void countsBytesNotCharacters() {
        String name = "é".repeat(32); // 32 characters, 64 bytes in UTF-8
        assertThatThrownBy(() -> Identifier.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("64 bytes");
    }

    @Test
    void rejectsEmptyAndNul() {
        assertThatThrownBy(() -> Identifier.of("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Identifier.of("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void equalityIsCaseSensitive() {
        assertThat(Identifier.of("orders")).isEqualTo(Identifier.of("orders"))
                .hasSameHashCodeAs(Identifier.of("orders"))
                .isNotEqualTo(Identifier.of("Orders"));
        assertThat(Identifier.of("a")).isLessThan(Identifier.of("b"));
    }

    @Test
    void tableNameQuotesBothParts() {
        TableName table = TableName.of("Sales", "Order \"Items\"");
        assertThat(table.quoted()).isEqualTo("\"Sales\".\"Order \"\"Items\"\"\"");
        assertThat(table).hasToString(table.quoted());
        assertThat(table.schema()).isEqualTo(Identifier.of("Sales"));
        assertThat(table.table()).isEqualTo(Identifier.of("Order \"Items\""));
    }

    @Test
    void tableNameRejectsBadParts() {
        assertThatThrownBy(() -> TableName.of("", "orders")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableName.of("public", "x".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tableNamesSortBySchemaThenTable() {
        assertThat(TableName.of("a", "z")).isLessThan(TableName.of("b", "a"));
        assertThat(TableName.of("a", "a")).isLessThan(TableName.of("a", "b"));
        assertThat(TableName.of("s", "t")).isEqualTo(TableName.of("s", "t"));
    }
}
