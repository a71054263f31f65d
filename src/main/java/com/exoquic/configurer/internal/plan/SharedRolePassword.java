package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.api.Finding;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.postgres.RoleUsage;
import com.exoquic.configurer.internal.postgres.Snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static com.exoquic.configurer.internal.postgres.FindingCode.ROLE_PASSWORD_DIFFERS;

/**
 * Roles are per server: an existing replication role's password may be what another database's consumer logs in
 * with. A different one is changed only when asked (--rotate-replication-password), otherwise preflight stops the
 * run naming the databases that use the role; where the admin cannot read the verifier, the report says so.
 */
final class SharedRolePassword {
    private SharedRolePassword() {
    }

    /** Plans the password step; a different stored password not to be rotated adds a preflight problem. */
    static PasswordStep plan(Connection connection, Settings settings, Snapshot snapshot, List<Finding> problems)
            throws SQLException {
        var role = settings.replicationUser();
        var secret = settings.replicationPassword();
        boolean leftToSuperuser = PasswordStep.leftToSuperuser(snapshot.server(), snapshot.role());
        if (secret == null) {
            return PasswordStep.plan(role, null, null, null, leftToSuperuser);
        }
        PasswordStep.Stored stored = PasswordStep.storedPassword(snapshot.storedPassword(), secret, role);
        if (!snapshot.role().exists() || stored == PasswordStep.Stored.SAME || stored == PasswordStep.Stored.NONE) {
            return PasswordStep.plan(role, secret, stored, null, leftToSuperuser);
        }
        List<String> others = RoleUsage.otherDatabases(connection, role);
        String usedBy = others.isEmpty() ? "no other database grants it anything"
                : "database(s) " + RoleUsage.quoted(others) + " also use it";
        if (stored == PasswordStep.Stored.OTHER && !settings.rotateReplicationPassword()) {
            problems.add(ROLE_PASSWORD_DIFFERS.finding(role.quoted(), "the replication role " + role.quoted()
                    + " already exists with another password (" + usedBy
                    + "); changing it would stop every consumer logged in with the old one. Use the role's current"
                    + " password as EXOQUIC_REPLICATION_PASSWORD, choose another EXOQUIC_REPLICATION_USER, or pass"
                    + " --rotate-replication-password (EXOQUIC_ROTATE_REPLICATION_PASSWORD=true) to change it for all",
                    null));
        }
        String warning = stored == PasswordStep.Stored.UNKNOWN && !others.isEmpty()
                ? "Only a superuser can read the password of role " + role.quoted() + ": whether it changed cannot be"
                        + " told, so it was set again. " + usedBy.substring(0, 1).toUpperCase() + usedBy.substring(1)
                        + ": their consumers need this password now."
                : null;
        return PasswordStep.plan(role, secret, stored, leftToSuperuser ? null : warning, leftToSuperuser);
    }
}
