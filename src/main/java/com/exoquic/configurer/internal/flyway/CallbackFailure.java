package com.exoquic.configurer.internal.flyway;

import java.sql.SQLException;

/** Carries a callback's SQL error through Flyway, naming the step. */
public final class CallbackFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String step;

    CallbackFailure(String step, SQLException cause) {
        super(step + ": " + cause.getMessage(), cause);
        this.step = step;
    }

    public String step() {
        return step;
    }

    public SQLException sqlCause() {
        return (SQLException) getCause();
    }
}
