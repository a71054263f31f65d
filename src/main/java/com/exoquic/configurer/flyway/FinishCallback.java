package com.exoquic.configurer.flyway;

import com.exoquic.configurer.plan.PasswordStep;
import com.exoquic.configurer.plan.ServerSettingsStep;
import com.exoquic.configurer.plan.SlotStep;
import com.exoquic.configurer.postgres.Inspector;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * After migrating: the replication password, then the slot, in autocommit (slot creation cannot follow
 * writes in the same transaction). The slot waits while the server still needs a restart.
 */
final class FinishCallback implements Callback {
    private final PasswordStep password;
    private final SlotStep slot;
    private final Inspector inspector;
    private final RunState state;

    FinishCallback(PasswordStep password, SlotStep slot, Inspector inspector, RunState state) {
        this.password = password;
        this.slot = slot;
        this.inspector = inspector;
        this.state = state;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return false;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try {
            state.passwordSet(password.apply(connection));
            boolean restartNeeded = ServerSettingsStep.restartNeeded(inspector.server(connection));
            state.restartNeeded(restartNeeded);
            state.slotCreated(restartNeeded ? null : slot.apply(connection));
        } catch (SQLException e) {
            throw new CallbackFailure("replication password and slot", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "exoquic password and slot";
    }
}
