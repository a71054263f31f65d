package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.PlannedStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One step of a plan, planned from one catalog snapshot. {@link #preview()} is exactly what {@link #apply} sends
 * (secrets masked); the dry-run prints it, the run executes it: the two cannot drift apart.
 */
public interface Step {
    String name();

    Phase phase();

    /** The statements apply sends, in order; empty when the step has nothing to do. */
    List<PlannedStatement> preview();

    /** Sends the previewed statements and reports what it did, read back from the database where it can. */
    StepResult apply(Connection connection) throws SQLException;

    /** The report of a step whose apply did not run (nothing to do, or its phase was not reached). */
    StepResult notApplied();
}
