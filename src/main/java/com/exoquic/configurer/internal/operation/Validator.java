package com.exoquic.configurer.internal.operation;

import com.exoquic.configurer.api.Finding;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.flyway.ExoquicFlyway;
import com.exoquic.configurer.internal.plan.Planner;
import com.exoquic.configurer.internal.plan.RunOptions;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

import static com.exoquic.configurer.internal.postgres.FindingCode.HISTORY_INVALID;
import static com.exoquic.configurer.internal.postgres.FindingCode.HISTORY_MISMATCH;

/** validate: every preflight check plus Flyway's validation of the exoquic history, changing nothing. */
public final class Validator {
    private final Settings settings;
    private final DataSource dataSource;
    private final RunOptions options;

    public Validator(Settings settings, DataSource dataSource, RunOptions options) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.options = options;
    }

    /** Everything that would make migrate fail; empty when it would succeed. */
    public List<Finding> problems() {
        Planner.Planned planned = new Planner(settings, options).planReadOnly(dataSource);
        List<Finding> problems = new ArrayList<>(planned.findings());
        if (planned.snapshot().server().inRecovery()) {
            return problems; // a standby cannot read the (unlogged) history: preflight named the standby
        }
        if (!planned.snapshot().ownership().exoquicTrusted()) {
            return problems; // preflight refused the schema: Flyway does not read a history another role controls
        }
        ValidateResult result = ExoquicFlyway.create(dataSource, planned.plan().migrations()).validateWithResult();
        if (!result.validationSuccessful) {
            for (ValidateOutput invalid : result.invalidMigrations) {
                problems.add(HISTORY_MISMATCH.finding(invalid.description, "the Flyway history in"
                        + " exoquic.flyway_schema_history does not match migration '" + invalid.description + "': "
                        + invalid.errorDetails.errorMessage, null));
            }
            if (result.invalidMigrations.isEmpty() && result.errorDetails != null) {
                problems.add(HISTORY_INVALID.finding(null, "Flyway validation failed: "
                        + result.errorDetails.errorMessage, null));
            }
        }
        return problems;
    }
}
