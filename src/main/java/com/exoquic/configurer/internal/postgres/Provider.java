package com.exoquic.configurer.internal.postgres;

import java.util.Set;

/**
 * Where the server runs, as far as it shows: managed providers forbid ALTER SYSTEM and need their own steps
 * to switch on logical replication. Detected from the provider's roles, custom settings and host names.
 */
public enum Provider {
    AWS_RDS("AWS RDS / Aurora", "rds_replication",
            "set rds.logical_replication = 1 in the DB parameter group (Aurora: the DB cluster parameter group) of"
            + " this instance, then reboot it (console, or aws rds modify-db-parameter-group /"
            + " modify-db-cluster-parameter-group, then reboot-db-instance); max_replication_slots and"
            + " max_wal_senders follow from it. Then run migrate again."),
    GOOGLE_CLOUD_SQL("Google Cloud SQL", null,
            "set the database flag cloudsql.logical_decoding = on (gcloud sql instances patch INSTANCE"
            + " --database-flags=cloudsql.logical_decoding=on, listing your other flags too; the instance"
            + " restarts). Then run migrate again."),
    AZURE_FLEXIBLE("Azure Database for PostgreSQL Flexible Server", null,
            "set the server parameter wal_level = logical (and max_replication_slots, max_wal_senders >= 5) in"
            + " the portal's Server parameters or with az postgres flexible-server parameter set, then restart"
            + " the server (az postgres flexible-server restart). Then run migrate again."),
    SUPABASE("Supabase", null,
            "Supabase runs with wal_level = logical: connect directly to the database (db.<project>.supabase.co"
            + " port 5432), not through the pooler, and run migrate again."),
    NEON("Neon", null,
            "enable logical replication in the Neon console (Project settings, Logical Replication; it restarts"
            + " the computes and cannot be switched off). Then run migrate again."),
    RAILWAY("Railway", null,
            "connect as the postgres superuser from Railway's DATABASE_URL (this tool then runs ALTER SYSTEM"
            + " itself), and restart the Postgres service in the dashboard when asked."),
    HEROKU("Heroku Postgres", null,
            "Heroku Postgres gives no superuser and no ALTER SYSTEM; logical replication is only available"
            + " through Heroku's own change-data-capture offering on plans that support it. Check your plan."),
    SELF_HOSTED("self-hosted PostgreSQL", null,
            "as a superuser, run the ALTER SYSTEM statements below (or set the values in postgresql.conf when"
            + " allow_alter_system = off), restart the server, then run migrate again.");

    private final String label;
    private final String replicationGrantRole;
    private final String steps;

    Provider(String label, String replicationGrantRole, String steps) {
        this.label = label;
        this.replicationGrantRole = replicationGrantRole;
        this.steps = steps;
    }

    public String label() {
        return label;
    }

    /** The role that grants replication there instead of the REPLICATION attribute, or null. */
    public String replicationGrantRole() {
        return replicationGrantRole;
    }

    /** What the owner must do there to get wal_level = logical. */
    public String steps() {
        return steps;
    }

    /**
     * @param markers provider role names and custom settings present on the server (see Inspector)
     * @param host    the host the admin connection goes to
     */
    public static Provider detect(Set<String> markers, String host) {
        String h = host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        if (markers.contains("rds_superuser") || markers.contains("rds.logical_replication") || h.endsWith(".rds.amazonaws.com")) {
            return AWS_RDS;
        }
        if (markers.contains("cloudsqlsuperuser") || markers.contains("cloudsql.logical_decoding")) {
            return GOOGLE_CLOUD_SQL;
        }
        if (markers.contains("azure_pg_admin") || h.endsWith(".postgres.database.azure.com")) {
            return AZURE_FLEXIBLE;
        }
        if (markers.contains("supabase_admin") || h.contains("supabase.co") || h.contains("supabase.com")) {
            return SUPABASE;
        }
        if (markers.contains("neon_superuser") || h.endsWith(".neon.tech")) {
            return NEON;
        }
        if (h.endsWith(".railway.internal") || h.contains("rlwy.net") || h.contains("railway.app")) {
            return RAILWAY;
        }
        if (h.matches("ec2-[0-9-]+\\..*compute.*\\.amazonaws\\.com")) {
            return HEROKU;
        }
        return SELF_HOSTED;
    }
}
