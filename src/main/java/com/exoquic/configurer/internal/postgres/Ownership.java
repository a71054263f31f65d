package com.exoquic.configurer.internal.postgres;

import java.util.List;

/**
 * What the catalog says about who made the objects this tool manages. Only what the admin owns is the tool's (the
 * admin, a superuser, or for an admin that is no superuser a role it is a member of: see trusted_owners.sql): a
 * comment starting with {@link #MARK} on an object another role owns proves nothing.
 * {@code schemaTrusted}: the exoquic schema is owned by the admin.
 * {@code foreignSchemaObjects}: objects in the exoquic schema that are not the tool's own (described).
 * {@code untrustedSchemaObjects}: objects in the exoquic schema that another role owns, the tool's names included.
 * {@code toolObjects}: the tool's own objects present there, by name ({@code status}, {@code ddl_guard()}, ...).
 * {@code schemaCreators}: roles other than the admin's that may create objects in the exoquic schema.
 * {@code publicationOwnedByAdmin}: the admin may change the publication (it can act as its owner);
 * {@code publicationTrusted}: the publication is owned by the admin.
 * {@code publicationTables}: the tables of an existing FOR TABLE publication, as {@code schema.table}.
 * {@code adminMayReplicate}: the admin may create a replication slot (superuser, REPLICATION, or rds_replication).
 */
public record Ownership(boolean schemaExists, String schemaOwner, String schemaComment, boolean schemaTrusted,
                        List<String> foreignSchemaObjects, List<String> untrustedSchemaObjects,
                        List<String> toolObjects, List<String> schemaCreators,
                        String roleComment, boolean roleOwnsObjects,
                        String publicationComment, String publicationOwner, boolean publicationOwnedByAdmin,
                        boolean publicationTrusted,
                        List<String> publicationTables,
                        boolean readOnlyByDefault,
                        boolean adminMayReplicate) {
    public static final String MARK = "Managed by exoquic-postgres-configurer";

    public static Ownership none() {
        return new Ownership(false, null, null, true, List.of(), List.of(), List.of(), List.of(), null, false, null,
                null, true, true, List.of(), false, true);
    }

    public static boolean marked(String comment) {
        return comment != null && comment.startsWith(MARK);
    }

    /**
     * Whether the tool may read and change what is in the exoquic schema (and so let Flyway read its history
     * there): the schema does not exist, or the admin owns it and everything in it.
     */
    public boolean exoquicTrusted() {
        return !schemaExists || (schemaTrusted && untrustedSchemaObjects.isEmpty());
    }

    /** The exoquic schema counts as the tool's: the admin owns it and it carries the mark. */
    public boolean schemaMarked() {
        return schemaTrusted && marked(schemaComment);
    }

    /** The publication counts as the tool's by its mark: the admin owns it and it carries the mark. */
    public boolean publicationMarked() {
        return publicationTrusted && marked(publicationComment);
    }
}
