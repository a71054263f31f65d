package com.exoquic.configurer.internal.postgres;

import java.util.ArrayList;
import java.util.List;

/** The replication role as it exists (or not). */
public record RoleState(boolean exists, boolean superuser, boolean createdb, boolean createrole, boolean bypassrls,
                        boolean replication, boolean login, List<String> memberOf) {

    public static RoleState missing() {
        return new RoleState(false, false, false, false, false, false, false, List.of());
    }

    /**
     * Rights beyond LOGIN REPLICATION that make a role unfit to reuse as the replication role.
     * {@code replicationRole}: the provider's role that stands for REPLICATION (e.g. rds_replication), or null.
     */
    public List<String> extraRights(String replicationRole) {
        List<String> extra = new ArrayList<>();
        if (superuser) {
            extra.add("SUPERUSER");
        }
        if (createdb) {
            extra.add("CREATEDB");
        }
        if (createrole) {
            extra.add("CREATEROLE");
        }
        if (bypassrls) {
            extra.add("BYPASSRLS");
        }
        memberOf.stream().filter(role -> !role.equals(replicationRole)).forEach(role -> extra.add("member of " + role));
        return extra;
    }
}
