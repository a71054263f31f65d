package com.exoquic.configurer.plan;

import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.flyway.MigrationExecutor;
import com.exoquic.configurer.postgres.Inspector;
import com.exoquic.configurer.template.SqlTemplates;

/** The steps of a run, built once from the settings; the real run and the dry-run share them. */
public final class Steps {
    static final int LOCK_ATTEMPTS = 3;

    final Settings settings;
    final Inspector inspector;
    final Preflight preflight;
    final ServerSettingsStep serverSettings;
    final MigrationRenderer renderer;
    final MigrationExecutor executor;
    final ReplicaIdentityStep replicaIdentity;
    final PasswordStep password;
    final SlotStep slot;

    public Steps(Settings settings) {
        SqlTemplates templates = new SqlTemplates();
        this.settings = settings;
        this.inspector = new Inspector(templates);
        this.serverSettings = new ServerSettingsStep(inspector);
        this.preflight = new Preflight();
        this.executor = new MigrationExecutor(settings.lockTimeout(), LOCK_ATTEMPTS);
        this.renderer = new MigrationRenderer(templates, executor);
        this.replicaIdentity = new ReplicaIdentityStep(renderer, executor);
        this.password = new PasswordStep(settings.replicationUser(), settings.replicationPassword());
        this.slot = new SlotStep(settings.slot(), settings.failoverSlot(), settings.slotTimeout(), inspector);
    }

    public Inspector inspector() {
        return inspector;
    }

    public Preflight preflight() {
        return preflight;
    }

    public MigrationRenderer renderer() {
        return renderer;
    }
}
