package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.plan.HistoryCreation;
import com.exoquic.configurer.internal.plan.Planner;
import com.exoquic.configurer.internal.plan.RunOptions;
import com.exoquic.configurer.internal.postgres.Snapshot;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The dry-run: every statement migrate would send now, read in a read-only transaction. Where the tool's Flyway
 * history does not exist yet, that starts with the statements Flyway sends to create it (its schema, table, key and
 * index, as Flyway gives them), then the plan's own preview. Flyway's bookkeeping is left out: the rows it writes
 * to its history, its locks, and how it sets up its session (role, search path), which change no object; the
 * statement-for-statement test leaves out the same.
 */
public final class DryRun {
    static final String FLYWAY_HISTORY = "Flyway's history";
    static final String FLYWAY_HISTORY_NOTE = "Sent by Flyway itself, before the steps below: it creates its history"
            + " table (and schema) where none exists.";

    private final Settings settings;
    private final DataSource dataSource;
    private final RunOptions options;
    private final HistoryCreation historyCreation;

    public DryRun(Settings settings, DataSource dataSource, RunOptions options, HistoryCreation historyCreation) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.options = options;
        this.historyCreation = historyCreation;
    }

    public List<PlannedStatement> plan() {
        Planner.Planned planned = new Planner(settings, options).planReadOnly(dataSource).requirePreflight();
        List<PlannedStatement> preview = new ArrayList<>(flywayHistory(planned.snapshot()));
        preview.addAll(planned.plan().preview());
        return preview;
    }

    private List<PlannedStatement> flywayHistory(Snapshot snapshot) {
        if (snapshot.history() != null) {
            return List.of();
        }
        List<String> statements = historyCreation.statements(!snapshot.ownership().schemaExists());
        List<PlannedStatement> preview = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            preview.add(new PlannedStatement(FLYWAY_HISTORY, statements.get(i), List.of(),
                    i == 0 ? FLYWAY_HISTORY_NOTE : null));
        }
        return preview;
    }
}
