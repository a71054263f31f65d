package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.internal.sql.Sql;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where the server runs, as far as it shows: managed providers forbid ALTER SYSTEM and need their own steps
 * to switch on logical replication. Detected from the provider's roles, custom parameters and host names, all
 * defined here: the catalog read asks for exactly the {@linkplain #markerRoles() markers} named below.
 */
public enum Provider {
    AWS_RDS("AWS RDS / Aurora", "rds_replication", Set.of("rds_superuser"), Set.of("rds.logical_replication"),
            host -> host.endsWith(".rds.amazonaws.com"),
            "set rds.logical_replication = 1 in the DB parameter group (Aurora: the DB cluster parameter group) of"
            + " this instance, then reboot it (console, or aws rds modify-db-parameter-group /"
            + " modify-db-cluster-parameter-group, then reboot-db-instance); max_replication_slots and"
            + " max_wal_senders follow from it. Then run migrate again."),
    GOOGLE_CLOUD_SQL("Google Cloud SQL", null, Set.of("cloudsqlsuperuser"), Set.of("cloudsql.logical_decoding"),
            host -> false,
            "set the database flag cloudsql.logical_decoding = on (gcloud sql instances patch INSTANCE"
            + " --database-flags=cloudsql.logical_decoding=on, listing your other flags too; the instance"
            + " restarts). Then run migrate again."),
    AZURE_FLEXIBLE("Azure Database for PostgreSQL Flexible Server", null, Set.of("azure_pg_admin"), Set.of(),
            host -> host.endsWith(".postgres.database.azure.com"),
            "set the server parameter wal_level = logical (and max_replication_slots, max_wal_senders >= 5) in"
            + " the portal's Server parameters or with az postgres flexible-server parameter set, then restart"
            + " the server (az postgres flexible-server restart). Then run migrate again."),
    SUPABASE("Supabase", null, Set.of("supabase_admin"), Set.of(),
            host -> host.contains("supabase.co") || host.contains("supabase.com"),
            "Supabase runs with wal_level = logical: connect directly to the database (db.<project>.supabase.co"
            + " port 5432), not through the pooler, and run migrate again."),
    NEON("Neon", null, Set.of("neon_superuser"), Set.of(), host -> host.endsWith(".neon.tech"),
            "enable logical replication in the Neon console (Project settings, Logical Replication; it restarts"
            + " the computes and cannot be switched off). Then run migrate again."),
    RAILWAY("Railway", null, Set.of(), Set.of(),
            host -> host.endsWith(".railway.internal") || host.contains("rlwy.net") || host.contains("railway.app"),
            "connect as the postgres superuser from Railway's DATABASE_URL (this tool then runs ALTER SYSTEM"
            + " itself), and restart the Postgres service in the dashboard when asked."),
    HEROKU("Heroku Postgres", null, Set.of(), Set.of(),
            host -> host.matches("ec2-[0-9-]+\\..*compute.*\\.amazonaws\\.com"),
            "Heroku Postgres gives no superuser and no ALTER SYSTEM; logical replication is only available"
            + " through Heroku's own change-data-capture offering on plans that support it. Check your plan."),
    /** What is left when nothing else matches. */
    SELF_HOSTED("self-hosted PostgreSQL", null, Set.of(), Set.of(), host -> false,
            "as a superuser, run the ALTER SYSTEM statements below (or set the values in postgresql.conf when"
            + " allow_alter_system = off), restart the server, then run migrate again.");

    private final String label;
    private final String replicationGrantRole;
    private final Set<String> markerRoles;
    private final Set<String> markerParameters;
    private final Predicate<String> host;
    private final String steps;

    /**
     * @param markerRoles    roles only this provider creates
     * @param markerParameters custom parameters only this provider defines
     * @param host           whether a host name (lower case) is one of this provider's
     */
    Provider(String label, String replicationGrantRole, Set<String> markerRoles, Set<String> markerParameters,
             Predicate<String> host, String steps) {
        this.label = label;
        this.replicationGrantRole = replicationGrantRole;
        this.markerRoles = markerRoles;
        this.markerParameters = markerParameters;
        this.host = host;
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
     * The first provider, in declaration order, whose roles or custom parameters are among {@code markers} or whose
     * host names match {@code host}; {@link #SELF_HOSTED} when none does.
     *
     * @param markers provider role names and custom parameters present on the server (read by inspect_server)
     * @param host    the host the admin connection goes to
     */
    public static Provider detect(Set<String> markers, String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(provider -> provider.markerRoles.stream().anyMatch(markers::contains)
                        || provider.markerParameters.stream().anyMatch(markers::contains) || provider.host.test(h))
                .findFirst().orElse(SELF_HOSTED);
    }

    /** Every provider's marker roles, as an SQL list of literals (for inspect_server). */
    static Sql markerRoles() {
        return literals(provider -> provider.markerRoles);
    }

    /** Every provider's marker parameters, as an SQL list of literals (for inspect_server). */
    static Sql markerParameters() {
        return literals(provider -> provider.markerParameters);
    }

    private static Sql literals(Function<Provider, Set<String>> markers) {
        return Sql.list(Arrays.stream(values()).flatMap(provider -> markers.apply(provider).stream()).sorted()
                .map(Sql::literal).toList());
    }
}
