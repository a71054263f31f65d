package com.exoquic.configurer.internal.postgres;

import java.util.List;

/**
 * What the catalog says about who made the objects this tool manages. This tool marks what it creates with a
 * comment starting with {@link #MARK}; the exoquic schema is also its own when it holds the Flyway history.
 * {@code foreignSchemaObjects}: relations and functions in the exoquic schema that this tool did not create.
 * {@code publicationTables}: the tables of an existing FOR TABLE publication, as {@code schema.table}.
 * {@code adminMayReplicate}: the admin may create a replication slot (superuser, REPLICATION, or rds_replication).
 */
public record Ownership(boolean schemaExists, String schemaOwner, String schemaComment,
                        List<String> foreignSchemaObjects,
                        String roleComment, boolean roleOwnsObjects,
                        String publicationComment, String publicationOwner, boolean publicationOwnedByAdmin,
                        List<String> publicationTables,
                        boolean readOnlyByDefault,
                        boolean adminMayReplicate) {
    public static final String MARK = "Managed by exoquic-postgres-configurer";

    public static Ownership none() {
        return new Ownership(false, null, null, List.of(), null, false, null, null, true, List.of(), false, true);
    }

    public static boolean marked(String comment) {
        return comment != null && comment.startsWith(MARK);
    }
}
