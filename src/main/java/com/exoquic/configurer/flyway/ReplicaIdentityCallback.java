package com.exoquic.configurer.flyway;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.sql.SQLException;

/**
 * Before migrating, after the server settings: the replica identity work that commits in batches, in
 * autocommit (see {@code ReplicaIdentityStep} for why it is not a migration). A failure here leaves no row
 * in the history.
 */
final class ReplicaIdentityCallback implements Callback {
    private final ExoquicFlyway.ReplicaIdentityWork work;
    private final RunState state;

    ReplicaIdentityCallback(ExoquicFlyway.ReplicaIdentityWork work, RunState state) {
        this.work = work;
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
            state.replicaIdentityChanged(work.apply(context.getConnection()));
        } catch (SQLException e) {
            throw new CallbackFailure("replica identity", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "exoquic replica identity";
    }
}
