package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Outcome;
import com.exoquic.configurer.api.PlannedStatement;
import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.Secret;
import com.exoquic.configurer.internal.postgres.Md5Verifier;
import com.exoquic.configurer.internal.postgres.RoleState;
import com.exoquic.configurer.internal.postgres.ScramVerifier;
import com.exoquic.configurer.internal.postgres.ServerState;
import com.exoquic.configurer.internal.postgres.StoredPassword;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Sets the replication role's password with pgjdbc's alterUserPassword, which hashes it (SCRAM-SHA-256) on the
 * client: the plain password never reaches the server, its log, or any rendered SQL. An unchanged password is left
 * alone (only a superuser can tell), so a no-op run sends no DDL.
 */
final class PasswordStep implements Step {
    static final String NAME = "replication password";

    private final Identifier role;
    private final Secret password;
    private final boolean current;
    private final String warning;
    private final boolean leftToSuperuser;

    private PasswordStep(Identifier role, Secret password, boolean current, String warning, boolean leftToSuperuser) {
        this.role = role;
        this.password = password;
        this.current = current;
        this.warning = warning;
        this.leftToSuperuser = leftToSuperuser;
    }

    /**
     * Plans the step from what is stored ({@link #storedPassword}); {@code warning}, or null, goes to the report.
     * {@code leftToSuperuser}: before PostgreSQL 16 only a superuser may alter a role with REPLICATION, so an admin
     * that is none leaves the password to a superuser (see {@link #leftToSuperuser}).
     */
    static PasswordStep plan(Identifier role, Secret password, Stored stored, String warning, boolean leftToSuperuser) {
        return new PasswordStep(role, password, password == null || stored == Stored.SAME, warning, leftToSuperuser);
    }

    /** Whether only a superuser may set the password of the existing role {@code existing}. */
    static boolean leftToSuperuser(ServerState server, RoleState existing) {
        return !server.adminSuperuser() && existing.exists() && existing.replication() && server.majorVersion() < 16;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Phase phase() {
        return Phase.AFTER_MIGRATIONS;
    }

    @Override
    public List<PlannedStatement> preview() {
        if (leftToSuperuser && !current) {
            return List.of(PlannedStatement.action(NAME + " (left to a superuser)", "only a superuser may alter a"
                    + " replication role before PostgreSQL 16: a superuser sets the password"));
        }
        if (current) {
            return List.of();
        }
        return List.of(new PlannedStatement(NAME, "ALTER USER " + role.quoted() + " PASSWORD '" + Secret.MASK + "'",
                List.of(), "the password is sent as a SCRAM-SHA-256 verifier computed on the client"));
    }

    @Override
    public StepResult apply(Connection connection) throws SQLException {
        if (leftToSuperuser) {
            return StepResult.of(NAME, Outcome.SKIPPED, "left to a superuser").withWarning("THE REPLICATION PASSWORD IS"
                    + " LEFT TO A SUPERUSER: before PostgreSQL 16 only a superuser may alter the replication role "
                    + role.quoted() + ". Have one set it (psql: \\password " + role.quoted() + "), to the value"
                    + " Exoquic is given.");
        }
        char[] chars = password.chars();
        try {
            connection.unwrap(PGConnection.class).alterUserPassword(role.name(), chars, "scram-sha-256");
        } finally {
            Arrays.fill(chars, '\0');
        }
        StepResult result = StepResult.of(NAME, Outcome.DONE, "set (SCRAM-SHA-256, hashed on the client)");
        return warning == null ? result : result.withWarning(warning);
    }

    @Override
    public StepResult notApplied() {
        return StepResult.of(NAME, Outcome.ALREADY_IN_PLACE, password == null ? "not given" : "unchanged");
    }

    /** What the role's stored password is, compared with the configured one. */
    enum Stored { SAME, OTHER, NONE, UNKNOWN }

    /**
     * Compares the role's stored verifier (SCRAM-SHA-256, or md5 over the password and the role's name) with
     * {@code password}: NONE when the role has no password (or does not exist), UNKNOWN when this admin cannot tell
     * (only a superuser can read pg_authid).
     */
    static Stored storedPassword(StoredPassword stored, Secret password, Identifier role) {
        if (!stored.readable()) {
            return Stored.UNKNOWN;
        }
        if (stored.verifier() == null) {
            return Stored.NONE;
        }
        char[] chars = password.chars();
        try {
            boolean same = ScramVerifier.matches(stored.verifier(), chars)
                    || Md5Verifier.matches(stored.verifier(), chars, role.name());
            return same ? Stored.SAME : Stored.OTHER;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
