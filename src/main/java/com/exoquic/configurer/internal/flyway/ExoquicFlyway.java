package com.exoquic.configurer.internal.flyway;

import com.exoquic.configurer.internal.plan.MigrationStep;
import com.exoquic.configurer.internal.plan.Phase;
import com.exoquic.configurer.internal.plan.Plan;
import com.exoquic.configurer.internal.plan.Results;
import com.exoquic.configurer.internal.plan.Step;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
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

    /** For info and validate: no callbacks, nothing runs. */
    public static Flyway create(DataSource dataSource, List<MigrationStep> migrations) {
        return configure(dataSource, migrations, null).load();
    }

    /**
     * For migrate, the plan's interpreter: its BEFORE_MIGRATIONS steps in Flyway's BEFORE_MIGRATE, its migrations as
     * Flyway migrations, its AFTER_MIGRATIONS steps in AFTER_MIGRATE, followed there by the AFTER_RESTART steps unless
     * the plan says they wait for the restart. What each step did goes to {@code results}. Flyway runs on
     * {@code session}, the one the run holds, for everything (see {@link HeldSession}): with its lock taken at session
     * level rather than in a transaction on a second session, as the callbacks' ALTER SYSTEM and slot creation need no
     * transaction around them either.
     */
    public static Flyway create(Connection session, Plan plan, Results results) {
        List<Step> after = new ArrayList<>(plan.steps(Phase.AFTER_MIGRATIONS));
        if (!plan.restartFirst()) {
            after.addAll(plan.steps(Phase.AFTER_RESTART));
        }
        Callback[] callbacks = {
            new StepCallback(Event.BEFORE_MIGRATE, plan.steps(Phase.BEFORE_MIGRATIONS), results),
            new StepCallback(Event.AFTER_MIGRATE, after, results)
        };
        FluentConfiguration configuration = configure(new HeldSession(session), plan.migrations(), results)
                .callbacks(callbacks);
        // Flyway's PostgreSQL lock at session level (pg_advisory_lock): history and migrations on one connection.
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration.load();
    }

    private static FluentConfiguration configure(DataSource dataSource, List<MigrationStep> all, Results results) {
        // Migrations another Flyway applied from the export stay in its history; ours would only send them again.
        List<MigrationStep> migrations = all.stream().filter(step -> !step.adopted()).toList();
        boolean schemaAdopted = all.stream().anyMatch(step -> step.adopted() && step.version() != null);
        return Flyway.configure(ExoquicFlyway.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .table(HISTORY_TABLE)
                .createSchemas(true)
                .javaMigrations(migrations.stream().map(step -> new StepMigration(step, results)).toArray(JavaMigration[]::new))
                .resourceProvider(NO_RESOURCES)
                .javaMigrationClassProvider(NO_CLASSES)
                .skipDefaultCallbacks(true)
                .placeholderReplacement(false)
                .cleanDisabled(true)
                // Pending migrations are what migrate is for, not a validation error.
                .ignoreMigrationPatterns("*:pending")
                .validateMigrationNaming(true)
                // The exported set created the exoquic schema and its objects: our history starts there, at version 1.
                .baselineOnMigrate(schemaAdopted)
                .baselineVersion("1")
                .baselineDescription("exoquic schema, applied from the exported migrations");
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
