package com.exoquic.configurer.plan;

import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.flyway.ExoquicFlyway;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** validate: every preflight check plus Flyway's validation of the exoquic history, changing nothing. */
public final class Validator {
    private final Settings settings;
    private final DataSource readOnly;
    private final Consumer<String> progress;

    /** {@code progress} hears about connection retries while the server is starting. */
    public Validator(Settings settings, DataSource readOnly, Consumer<String> progress) {
        this.settings = settings;
        this.readOnly = readOnly;
        this.progress = progress;
    }

    /** Everything that would make migrate fail; empty when it would succeed. */
    public List<String> problems() {
        Renderer.Rendered rendered = new Renderer(settings, readOnly, progress).render();
        List<String> problems = new ArrayList<>(rendered.problems());
        ValidateResult result = ExoquicFlyway.create(readOnly, rendered.migrations()).validateWithResult();
        if (!result.validationSuccessful) {
            for (ValidateOutput invalid : result.invalidMigrations) {
                problems.add("the Flyway history in exoquic.flyway_schema_history does not match migration '"
                        + invalid.description + "': " + invalid.errorDetails.errorMessage);
            }
            if (result.invalidMigrations.isEmpty() && result.errorDetails != null) {
                problems.add("Flyway validation failed: " + result.errorDetails.errorMessage);
            }
        }
        return problems;
    }
}
