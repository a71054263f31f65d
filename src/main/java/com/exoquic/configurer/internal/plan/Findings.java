package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Finding;
import com.exoquic.configurer.internal.postgres.FindingCode;

import java.util.ArrayList;
import java.util.List;

/** What preflight found, in the order it looked. */
final class Findings {
    private final List<Finding> findings = new ArrayList<>();

    void add(FindingCode code, String object, String message, String fixSql) {
        add(code.finding(object, message, fixSql));
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    List<Finding> list() {
        return List.copyOf(findings);
    }
}
