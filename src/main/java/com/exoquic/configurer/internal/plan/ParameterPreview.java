package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.PlannedStatement;

import java.util.List;

/**
 * The preview of a step that writes server parameters: its ALTER SYSTEM statements, or, where the admin may not run
 * ALTER SYSTEM (a managed provider), what is left to the server's owner.
 */
final class ParameterPreview {
    private ParameterPreview() {
    }

    static List<PlannedStatement> of(String step, List<String> statements, boolean alterSystemAllowed,
                                     String leftToOwner) {
        if (statements.isEmpty()) {
            return List.of();
        }
        if (!alterSystemAllowed) {
            return List.of(PlannedStatement.action(step + " (left to you: ALTER SYSTEM is not allowed)", leftToOwner));
        }
        return statements.stream().map(sql -> new PlannedStatement(step, sql)).toList();
    }
}
