package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.plan.Planner;
import com.exoquic.configurer.internal.plan.RunOptions;

import javax.sql.DataSource;
import java.util.List;

/** The dry-run: every statement migrate would send now, the plan's own preview, read in a read-only transaction. */
public final class DryRun {
    private final Settings settings;
    private final DataSource dataSource;
    private final RunOptions options;

    public DryRun(Settings settings, DataSource dataSource, RunOptions options) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.options = options;
    }

    public List<PlannedStatement> plan() {
        return new Planner(settings, options).planReadOnly(dataSource).requirePreflight().plan().preview();
    }
}
