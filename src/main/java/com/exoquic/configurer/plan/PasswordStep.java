package com.exoquic.configurer.plan;

import com.exoquic.configurer.config.Identifier;
import com.exoquic.configurer.config.Secret;
import com.exoquic.configurer.postgres.ScramVerifier;
import org.postgresql.PGConnection;

import com.exoquic.configurer.api.PlannedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Sets the replication role's password with pgjdbc's alterUserPassword, which hashes it (SCRAM-SHA-256)
 * on the client: the plain password never reaches the server, its log, or any rendered SQL. An unchanged
 * password is left alone, so a no-op run sends no DDL.
 */
public final class PasswordStep {
    public static final String NAME = "replication password";
    private static final String STORED = "SELECT rolpassword FROM pg_catalog.pg_authid WHERE rolname = ?";

    private final Identifier role;
    private final Secret password;

    public PasswordStep(Identifier role, Secret password) {
        this.role = role;
        this.password = password;
    }

    public List<PlannedStatement> statements(Connection connection) throws SQLException {
        if (password == null || isCurrent(connection)) {
            return List.of();
        }
        return List.of(new PlannedStatement(NAME, "ALTER USER " + role.quoted() + " PASSWORD '" + Secret.MASK + "'",
                List.of(), "the password is sent as a SCRAM-SHA-256 verifier computed on the client"));
    }

    /** @return true when the password was set, false when it already matched */
    public boolean apply(Connection connection) throws SQLException {
        if (password == null || isCurrent(connection)) {
            return false;
        }
        char[] chars = password.chars();
        try {
            connection.unwrap(PGConnection.class).alterUserPassword(role.name(), chars, "scram-sha-256");
        } finally {
            Arrays.fill(chars, '\0');
        }
        return true;
    }

    // Only a superuser can read pg_authid; anyone else sets the password every run.
    private boolean isCurrent(Connection connection) throws SQLException {
        boolean superuser;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user");
             ResultSet rs = statement.executeQuery()) {
            superuser = rs.next() && rs.getBoolean(1);
        }
        if (!superuser) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement(STORED)) {
            statement.setString(1, role.name());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && ScramVerifier.matches(rs.getString(1), password.chars());
            }
        }
    }
}
