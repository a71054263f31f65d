package com.exoquic.configurer.flyway;

import com.exoquic.configurer.plan.PasswordStep;
import com.exoquic.configurer.plan.ServerSettingsStep;
import com.exoquic.configurer.plan.SlotStep;
import com.exoquic.configurer.postgres.Inspector;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The Flyway instance that applies Exoquic's migrations: its history lives in {@code exoquic}, apart from
 * any application's, and it sees only our rendered migrations (never an application's db/migration).
 */
public final class ExoquicFlyway {
    public static final String SCHEMA = "exoquic";
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private ExoquicFlyway() {
    }

    /** For info and validate: no callbacks, nothing changes. */
    public static Flyway create(DataSource dataSource, List<RenderedMigration> migrations) {
        return configure(dataSource, migrations).load();
    }

    /**
     * For migrate: before the migrations the server settings, then the batched replica identity (see
     * ReplicaIdentityStep for why it is no migration); after them the password, then the slot unless the server
     * still needs a restart. What they did is recorded in {@code state}.
     */
    public static Flyway create(DataSource dataSource, List<RenderedMigration> migrations, ServerSettingsStep settings,
                                ReplicaIdentityWork replicaIdentity, PasswordStep password, SlotStep slot,
                                Inspector inspector, RunState state) {
        Callback[] callbacks = {
            new StepCallback(Event.BEFORE_MIGRATE, ServerSettingsStep.NAME,
                    connection -> state.settings(settings.apply(connection))),
            new StepCallback(Event.BEFORE_MIGRATE, "replica identity",
                    connection -> state.replicaIdentityChanged(replicaIdentity.apply(connection))),
            new StepCallback(Event.AFTER_MIGRATE, "replication password and slot", connection -> {
                state.passwordSet(password.apply(connection));
                boolean restartNeeded = ServerSettingsStep.restartNeeded(inspector.server(connection));
                state.restartNeeded(restartNeeded);
                state.slotCreated(restartNeeded ? null : slot.apply(connection));
            })
        };
        return configure(dataSource, migrations).callbacks(callbacks).load();
    }

    /** The batched replica identity work, run in autocommit before the migrations; true when it changed tables. */
    public interface ReplicaIdentityWork {
        boolean apply(Connection connection) throws SQLException;
    }

    private static FluentConfiguration configure(
            DataSource dataSource, List<RenderedMigration> migrations) {
        return Flyway.configure(ExoquicFlyway.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .table(HISTORY_TABLE)
                .createSchemas(true)
                .javaMigrations(migrations.toArray(JavaMigration[]::new))
                .resourceProvider(NO_RESOURCES)
                .javaMigrationClassProvider(NO_CLASSES)
                .skipDefaultCallbacks(true)
                .placeholderReplacement(false)
                .cleanDisabled(true)
                // Pending migrations are what migrate is for, not a validation error.
                .ignoreMigrationPatterns("*:pending")
                .validateMigrationNaming(true);
    }

    private static final ResourceProvider NO_RESOURCES = new ResourceProvider() {
        @Override
        public LoadableResource getResource(String name) {
            return null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return List.of();
        }
    };

    private static final ClassProvider<JavaMigration> NO_CLASSES = List::of;
}
