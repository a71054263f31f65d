package com.exoquic.configurer.api;

import java.util.List;

/**
 * What a fleet run did once per server: {@code server} is {@code host:port} as grouped, {@code aliases} other
 * addresses in the target list that turned out to be the same server. {@code changes} are the server parameters
 * raised (e.g. {@code max_replication_slots 10 -> 412}); {@code restartFor} what waits for a restart (empty when
 * none). {@code refused} says why the server's targets were refused or failed before they ran (null otherwise).
 */
public record ServerResult(String server,
                           List<String> aliases,
                           int databases,
                           List<String> changes,
                           boolean applied,
                           List<String> restartFor,
                           int restartNeeded,
                           String refused) {

    /** The one line a run prints for this server. */
    public String line() {
        StringBuilder line = new StringBuilder(server).append(": ").append(databases)
                .append(databases == 1 ? " database" : " databases");
        if (!aliases.isEmpty()) {
            line.append(" (also listed as ").append(String.join(", ", aliases)).append(')');
        }
        if (!changes.isEmpty()) {
            line.append(applied ? "; set " : "; would set ").append(String.join(", ", changes));
        }
        if (refused != null) {
            line.append("; ").append(refused);
        } else if (restartNeeded > 0) {
            line.append("; restart needed for ").append(restartNeeded)
                    .append(restartNeeded == 1 ? " database" : " databases")
                    .append(restartFor.isEmpty() ? "" : " (" + String.join(", ", restartFor) + ")");
        }
        return line.toString();
    }
}
