package com.exoquic.configurer.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlanPrinterTest {

    @Test
    void theSemicolonGoesAfterTheLastStatementLineNotInsideATrailingComment() {
        assertThat(PlanPrinter.terminated("SELECT f($1)\n-- $1 = 'slot'")).isEqualTo("SELECT f($1);\n-- $1 = 'slot'");
        assertThat(PlanPrinter.terminated("SELECT 1")).isEqualTo("SELECT 1;");
        assertThat(PlanPrinter.terminated("DO $x$ BEGIN END $x$;")).isEqualTo("DO $x$ BEGIN END $x$;");
        assertThat(PlanPrinter.terminated("-- PUT https://x\n-- {}")).isEqualTo("-- PUT https://x\n-- {}");
    }
}
