package com.exoquic.configurer.internal.flyway;

import com.exoquic.configurer.internal.plan.Results;
import com.exoquic.configurer.internal.plan.Step;
import com.exoquic.configurer.internal.postgres.SearchPath;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The planned steps of one Flyway event, run in plan order by one callback (Flyway orders separate callbacks by
 * name, not by registration), outside any transaction: ALTER SYSTEM, work that commits in batches and slot
 * creation cannot run inside one. A failure names the step and stops the steps after it.
 */
final class StepCallback implements Callback {
    private final Event event;
    private final List<Step> steps;
    private final Results results;

    StepCallback(Event event, List<Step> steps, Results results) {
        this.event = event;
        this.steps = List.copyOf(steps);
        this.results = results;
    }

    @Override
    public boolean supports(Event candidate, Context context) {
        return candidate == event;
    }

    @Override
    public boolean canHandleInTransaction(Event candidate, Context context) {
        return false;
    }

    /** On Flyway's connection, whose search path Flyway put its schema first in: ours for the steps, then Flyway's. */
    @Override
    public void handle(Event candidate, Context context) {
        Connection connection = context.getConnection();
        try (SearchPath.Pinned ignored = SearchPath.pin(connection)) {
            for (Step step : steps) {
                try {
                    results.run(step, connection);
                } catch (SQLException e) {
                    throw new CallbackFailure(step.name(), e);
                }
            }
        } catch (SQLException e) {
            throw new CallbackFailure("search path", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "exoquic " + event.getId();
    }
}
