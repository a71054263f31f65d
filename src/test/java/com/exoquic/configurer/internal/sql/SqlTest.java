package com.exoquic.configurer.internal.sql;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class SqlTest {

    @Test
    void anIdentifierDoublesItsQuotesSoItCannotEndEarly() {
        assertThat(Sql.identifier("a\"; DROP TABLE x; --").text()).isEqualTo("\"a\"\"; DROP TABLE x; --\"");
        assertThat(Sql.qualified("s.x", "t\"").text()).isEqualTo("\"s.x\".\"t\"\"\"");
    }

    @Test
    void aLiteralMeansTheSameWhateverStandardConformingStringsIs() {
        assertThat(Sql.literal("O'Brien").text()).isEqualTo("'O''Brien'");
        // a backslash would escape the closing quote where standard_conforming_strings is off: E'' form, doubled
        assertThat(Sql.literal("a\\'; x").text()).isEqualTo("E'a\\\\''; x'");
        assertThat(Sql.literal("").text()).isEqualTo("''");
    }

    @Test
    void noTextHoldsWhatFlywayTakesForAPlaceholderWhateverTheName() {
        // U& identifiers mean the same whatever standard_conforming_strings is; backslashes doubled, quotes doubled
        assertThat(Sql.identifier("notes${x}").text()).isEqualTo("U&\"notes\\0024{x}\"");
        assertThat(Sql.identifier("a\\\"$${").text()).isEqualTo("U&\"a\\\\\"\"$\\0024{\"");
        assertThat(Sql.qualified("s${", "t").text()).isEqualTo("U&\"s\\0024{\".\"t\"");
        // a U&'' literal would fail where standard_conforming_strings is off: E'' with \x24
        assertThat(Sql.literal("notes${x}").text()).isEqualTo("E'notes\\x24{x}'");
        assertThat(Sql.literal("it's \\ ${").text()).isEqualTo("E'it''s \\\\ \\x24{'");
        // regclass and regrole read a plain quoted name
        assertThat(Sql.regclass("s${", "t").text()).isEqualTo("E'\"s\\x24{\".\"t\"'::regclass");
        assertThat(Sql.regrole("r${").text()).isEqualTo("E'\"r\\x24{\"'::regrole");
        assertThat(Sql.quotedName("notes${x}")).isEqualTo("\"notes${x}\"");
        // other names are written as they always were, so their migrations keep their checksums
        assertThat(Sql.identifier("a$b{").text()).isEqualTo("\"a$b{\"");
        assertThat(Sql.literal("a$b{").text()).isEqualTo("'a$b{'");
    }

    @Test
    void castsAndListsAreMadeOfEscapedParts() {
        assertThat(Sql.regclass("s", "it's").text()).isEqualTo("'\"s\".\"it''s\"'::regclass");
        assertThat(Sql.regrole("r\"").text()).isEqualTo("'\"r\"\"\"'::regrole");
        assertThat(Sql.list(List.of(Sql.identifier("a"), Sql.number(5))).text()).isEqualTo("\"a\", 5");
        assertThat(Sql.sequence(Sql.keyword(Sql.Keyword.TABLES_IN_SCHEMA), Sql.identifier("s")).text())
                .isEqualTo("TABLES IN SCHEMA \"s\"");
        assertThat(Sql.hex(new byte[] {(byte) 0xab, 1}).text()).isEqualTo("ab01");
        assertThatThrownBy(() -> Sql.cast(Sql.identifier("x"), Sql.Type.REGCLASS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nulEmptyAndBadTagsAreRefused() {
        assertThatThrownBy(() -> Sql.identifier("a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> Sql.literal("a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> Sql.identifier("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Sql.dollarTag("a$b")).isInstanceOf(IllegalArgumentException.class);
    }
}
