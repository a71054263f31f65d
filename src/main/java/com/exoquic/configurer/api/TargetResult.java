package com.exoquic.configurer.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One target of a fleet run. {@code target} is its connection URL without any secret, {@code name} the name the
 * target list gave it (or the same URL), {@code server} the server it was grouped under ({@code host:port}).
 * {@code code} is null when the outcome is {@link FleetOutcome#DONE}; {@code changed} is true when migrate sent
 * changes. Exactly one of {@code migration}, {@code plan}, {@code status} is set when the operation returned one
 * ({@code findings} holds validate's and preflight's findings).
 */
public record TargetResult(String name,
                           String target,
                           String server,
                           Map<String, String> labels,
                           FleetOutcome outcome,
                           ErrorCode code,
                           String message,
                           List<Finding> findings,
                           boolean changed,
                           int attempts,
                           Instant started,
                           double seconds,
                           MigrationReport migration,
                           List<PlannedStatement> plan,
                           StatusReport status) {

    public boolean failed() {
        return outcome == FleetOutcome.FAILED || outcome == FleetOutcome.NOT_STARTED;
    }
}
