package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.internal.cloud.CloudEndpoint;
import com.exoquic.configurer.internal.cloud.CloudRegistrar;
import com.exoquic.configurer.internal.cloud.RegistrationRequest;
import com.exoquic.configurer.internal.cloud.RegistrationResult;

import java.sql.Connection;
import java.util.List;
import java.util.function.Supplier;

/** Registers the database with the Exoquic cloud API, with the slot, when EXOQUIC_API_KEY is set. Sends no SQL. */
final class RegistrationStep implements Step {
    static final String NAME = "cloud registration";
    private final CloudEndpoint endpoint;
    private final CloudRegistrar registrar;
    private final Supplier<RegistrationRequest> request;
    private final boolean restartFirst;

    /** @param endpoint null when no API key is set; {@code request} is built when sent (a dry-run needs no password) */
    RegistrationStep(CloudEndpoint endpoint, CloudRegistrar registrar, Supplier<RegistrationRequest> request,
                     boolean restartFirst) {
        this.endpoint = endpoint;
        this.registrar = registrar;
        this.request = request;
        this.restartFirst = restartFirst;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Phase phase() {
        return Phase.AFTER_RESTART;
    }

    // The request holds names: `register --dry-run` shows it, never an SQL comment.
    @Override
    public List<PlannedStatement> preview() {
        return endpoint == null ? List.of() : List.of(PlannedStatement.action(NAME, "PUT of the connection details"
                + " to the Exoquic cloud API (register --dry-run shows the request, secrets masked)"));
    }

    @Override
    public StepResult apply(Connection connection) {
        RegistrationResult result = registrar.register(request.get());
        return StepResult.of(NAME, Outcome.DONE, "registered with " + endpoint.baseUrl() + " (HTTP " + result.status()
                + ")");
    }

    @Override
    public StepResult notApplied() {
        return StepResult.of(NAME, Outcome.SKIPPED, endpoint == null ? "EXOQUIC_API_KEY is not set"
                : restartFirst ? "runs after the restart, with the slot" : "not reached");
    }
}
