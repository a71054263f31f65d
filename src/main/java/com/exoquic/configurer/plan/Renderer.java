package com.exoquic.configurer.plan;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.config.Settings;
import com.exoquic.configurer.flyway.RenderedMigration;
import com.exoquic.configurer.postgres.Connector;
import com.exoquic.configurer.postgres.Snapshot;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads the catalog (read-only) and renders the migrations for it: shared by info and export. */
public final class Renderer {
    private final Steps steps;
    private final Settings settings;
    private final DataSource dataSource;

    public Renderer(Settings settings, DataSource dataSource) {
        this.steps = new Steps(settings);
        this.settings = settings;
        this.dataSource = dataSource;
    }

    public Rendered render() {
        Connector connector = new Connector(dataSource, settings.connection().describe(),
                settings.connection().connectAttempts());
        try (Connection connection = connector.open()) {
            Snapshot snapshot = steps.inspector.inspect(connection, settings);
            List<String> problems = steps.preflight.problems(settings, snapshot);
            return new Rendered(snapshot, steps.renderer.render(settings, snapshot), problems);
        } catch (SQLException e) {
            throw new ConfigurerException(ErrorCode.FAILED, "Reading the catalog failed: " + FailureTranslator.describe(e), e);
        }
    }

    /** The catalog as read, the migrations rendered for it, and what preflight found. */
    public record Rendered(Snapshot snapshot, List<RenderedMigration> migrations, List<String> problems) {
    }
}
