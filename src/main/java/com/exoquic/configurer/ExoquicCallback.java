package com.exoquic.configurer;

import com.exoquic.configurer.api.MigrationReport;
import com.exoquic.configurer.internal.config.Setting;
import com.exoquic.configurer.internal.config.VerbName;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Adds the Exoquic setup to an application's existing Flyway: after the application's own migrations it runs
 * migrate on the same DataSource, with its own history in the {@code exoquic} schema (the application's
 * history gets no rows). Settings come from the environment variables of the CLI, overridden by Flyway
 * placeholders of the same names (e.g. {@code flyway.placeholders.TABLES_TO_CAPTURE}).
 *
 * <pre>{@code Flyway.configure().dataSource(ds).callbacks(new ExoquicCallback()).load().migrate();}</pre>
 * or, for the Flyway command line: {@code flyway.callbacks=com.exoquic.configurer.ExoquicCallback}
 * with this jar in Flyway's {@code jars} folder.
 */
public final class ExoquicCallback implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ExoquicCallback.class);
    private final Map<String, String> env;

    public ExoquicCallback() {
        this(System.getenv());
    }

    public ExoquicCallback(Map<String, String> env) {
        this.env = Map.copyOf(env);
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
        ExoquicConfigurer.Builder builder = ExoquicConfigurer.configure().environment(env)
                .dataSource(context.getConfiguration().getDataSource());
        context.getConfiguration().getPlaceholders().forEach((key, value) -> {
            if (Setting.byEnvName(key) != null) {
                builder.set(key, value);
            }
        });
        // Everything migrate needs is checked at once: one start of the application lists every problem.
        MigrationReport report = builder.load(Setting.requiredBy(VerbName.MIGRATE)).migrate();
        if (report.restartRequired()) {
            LOG.warn("Exoquic: restart the PostgreSQL server to apply {}, then migrate again to create the"
                    + " replication slot", String.join(", ", report.restartFor()));
        } else {
            LOG.info("Exoquic: the database is ready (slot {}, publication {})",
                    report.connection().slot(), report.connection().publication());
        }
    }

    @Override
    public String getCallbackName() {
        return "exoquic";
    }
}
