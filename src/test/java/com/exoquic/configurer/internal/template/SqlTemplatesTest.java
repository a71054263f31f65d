package com.exoquic.configurer.internal.template;

import com.exoquic.configurer.internal.sql.Sql;
import com.exoquic.configurer.testing.SqlLexer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class SqlTemplatesTest {
    private final SqlTemplates templates = new SqlTemplates();

    @Test
    void aRawStringInTheModelFailsTheRender() {
        Map<String, Object> model = new HashMap<>();
        model.put("role", Map.of("literal", "'x'")); // looks escaped, but nothing proves it
        assertThatThrownBy(() -> templates.render("teardown_grants", model))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("String");
        model.put("role", Map.of("literal", 42));
        assertThatThrownBy(() -> templates.render("teardown_grants", model))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Integer");
    }

    @Test
    void theDollarTagIsOneNoValueContains() {
        String plain = templates.render("teardown_grants", Map.of("role", Map.of("literal", Sql.literal("r"))));
        assertThat(plain).contains("DO $exoquic$").endsWith("$exoquic$\n");

        String name = "r$exoquic$; SELECT 1; $exoquic_1$";
        String sql = templates.render("teardown_grants", Map.of("role", Map.of("literal", Sql.literal(name))));

        assertThat(sql).contains("DO $exoquic_2$").contains(Sql.literal(name).text());
        List<SqlLexer.Token> tokens = SqlLexer.tokens(sql);
        assertThat(tokens).filteredOn(token -> token.kind() == SqlLexer.Kind.DOLLAR_BODY).hasSize(1)
                .allMatch(body -> body.text().contains(Sql.literal(name).text()));
    }
}
