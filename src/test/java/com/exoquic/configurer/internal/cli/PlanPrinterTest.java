package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.PlannedStatement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class PlanPrinterTest {

    @Test
    void printsAScriptWithParametersWrittenInAsLiteralsAndNotesAsComments() {
        StringWriter text = new StringWriter();
        new PlanPrinter(new PrintWriter(text)).print(List.of(
                new PlannedStatement("slot", "SELECT f($1, 'pgoutput')", List.of("it's\\"), null),
                new PlannedStatement("password", "ALTER USER \"r\" PASSWORD '********'", List.of(), "hashed on the client"),
                PlannedStatement.action("cloud registration", "PUT to the cloud API")), false);

        assertThat(text.toString()).isEqualTo("""
                -- step: slot
                SELECT f(E'it''s\\\\', 'pgoutput');

                -- step: password
                -- hashed on the client
                ALTER USER "r" PASSWORD '********';

                -- step: cloud registration
                -- PUT to the cloud API
                """);
    }

    @Test
    void aStatementEndsWithExactlyOneSemicolon() {
        assertThat(PlanPrinter.terminated("SELECT 1")).isEqualTo("SELECT 1;");
        assertThat(PlanPrinter.terminated("DO $x$ BEGIN END $x$;")).isEqualTo("DO $x$ BEGIN END $x$;");
    }
}
