package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Finding;

import java.util.ArrayList;
import java.util.List;

/** What preflight found, in the order it looked. */
final class Findings {
    private final List<Finding> findings = new ArrayList<>();

    void add(String code, String object, String message, String fixSql) {
        findings.add(new Finding(code, object, message, fixSql));
    }

    /** A finding with no particular object or fix. */
    void add(String message) {
        add("preflight", null, message, null);
    }

    List<Finding> list() {
        return List.copyOf(findings);
    }
}
