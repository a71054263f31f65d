package com.exoquic.configurer.flyway;

import com.exoquic.configurer.plan.ServerSettingsStep;

/** What the callbacks did during one Flyway migrate, for the report. */
public final class RunState {
    private ServerSettingsStep.Result settings;
    private boolean passwordSet;
    private Boolean slotCreated;
    private boolean restartNeeded;
    private boolean replicaIdentityChanged;

    public ServerSettingsStep.Result settings() {
        return settings;
    }

    void settings(ServerSettingsStep.Result result) {
        this.settings = result;
        this.restartNeeded = result.restartNeeded();
    }

    /** Whether the batched replica identity step changed tables. */
    public boolean replicaIdentityChanged() {
        return replicaIdentityChanged;
    }

    void replicaIdentityChanged(boolean changed) {
        this.replicaIdentityChanged = changed;
    }

    public boolean passwordSet() {
        return passwordSet;
    }

    void passwordSet(boolean set) {
        this.passwordSet = set;
    }

    /** null when the slot step was skipped because the server must restart first. */
    public Boolean slotCreated() {
        return slotCreated;
    }

    public void slotCreated(Boolean created) {
        this.slotCreated = created;
    }

    public boolean restartNeeded() {
        return restartNeeded;
    }

    public void restartNeeded(boolean needed) {
        this.restartNeeded = needed;
    }
}
