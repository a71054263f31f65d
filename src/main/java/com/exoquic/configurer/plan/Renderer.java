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
import java.util.function.Consumer;

/**
 * Reads the catalog, runs preflight and renders the migrations for it: the first half of migrate, the
 * dry-run, info and export alike.
 */
public final class Renderer {
    private final Steps steps;
    private final DataSource dataSource;
    private final Consumer<String> progress;

    public Renderer(Settings settings, DataSource dataSource) {
        this(settings, dataSource, message -> { });
    }

    /** {@code progress} hears about connection retries while the server is starting. */
    public Renderer(Settings settings, DataSource dataSource, Consumer<String> progress) {
        this(new Steps(settings), dataSource, progress);
    }

    Renderer(Steps steps, DataSource dataSource) {
        this(steps, dataSource, message -> { });
    }

    private Renderer(Steps steps, DataSource dataSource, Consumer<String> progress) {
        this.steps = steps;
        this.dataSource = dataSource;
        this.progress = progress;
    }

    /** Opens its own connection. */
    public Rendered render() {
        try (Connection connection = Connector.of(dataSource, steps.settings.connection(), progress).open()) {
            return render(connection);
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    Rendered render(Connection connection) throws SQLException {
        Snapshot snapshot = steps.inspector.inspect(connection, steps.settings);
        List<String> problems = steps.preflight.problems(steps.settings, snapshot);
        return new Rendered(snapshot, steps.renderer.render(steps.settings, snapshot), problems);
    }

    static ConfigurerException readFailure(SQLException e) {
        return new ConfigurerException(ErrorCode.FAILED, "Reading the catalog failed: " + FailureTranslator.describe(e), e);
    }

    /** The catalog as read, the migrations rendered for it, and what preflight found. */
    public record Rendered(Snapshot snapshot, List<RenderedMigration> migrations, List<String> problems) {

        /** Stops the run (exit 2, nothing changed) when preflight found a problem. */
        public Rendered requirePreflight() {
            Preflight.requireNone(problems);
            return this;
        }
    }
}
