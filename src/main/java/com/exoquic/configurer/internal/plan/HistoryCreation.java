package com.exoquic.configurer.internal.plan;

import java.util.List;

/**
 * The statements Flyway itself sends at the start of a migrate when its history in {@code exoquic} does not exist
 * yet, before the plan's first step: the schema, when it is missing too, then the history table, its primary key
 * and its index. Flyway's word, not ours: the dry-run shows them so that nothing it sends is unseen.
 */
public interface HistoryCreation {
    List<String> statements(boolean createSchema);
}
