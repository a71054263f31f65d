package com.exoquic.configurer.flyway;

import com.exoquic.configurer.plan.ServerSettingsStep;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.sql.SQLException;

/** Before migrating: ALTER SYSTEM and reload, outside any transaction (they cannot run inside one). */
final class ServerSettingsCallback implements Callback {
    private final ServerSettingsStep step;
    private final RunState state;

    ServerSettingsCallback(ServerSettingsStep step, RunState state) {
        this.step = step;
        this.state = state;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return false;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            state.settings(step.apply(context.getConnection()));
        } catch (SQLException e) {
            throw new CallbackFailure(ServerSettingsStep.NAME, e);
        }
    }

    @Override
    public String getCallbackName() {
        return "exoquic server settings";
    }
}
