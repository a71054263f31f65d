package com.exoquic.configurer.flyway;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One of our steps run by Flyway at {@code event}, outside any transaction (autocommit): ALTER SYSTEM, work
 * that commits in batches and slot creation cannot run inside one. A failure names the step.
 */
final class StepCallback implements Callback {
    /** The work of the step, on Flyway's connection. */
    interface Work {
        void run(Connection connection) throws SQLException;
    }

    private final Event event;
    private final String step;
    private final Work work;

    StepCallback(Event event, String step, Work work) {
        this.event = event;
        this.step = step;
        this.work = work;
    }

    @Override
    public boolean supports(Event candidate, Context context) {
        return candidate == event;
    }

    @Override
    public boolean canHandleInTransaction(Event candidate, Context context) {
        return false;
    }

    @Override
    public void handle(Event candidate, Context context) {
        try {
            work.run(context.getConnection());
        } catch (SQLException e) {
            throw new CallbackFailure(step, e);
        }
    }

    @Override
    public String getCallbackName() {
        return "exoquic " + step;
    }
}
