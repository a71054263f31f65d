package com.exoquic.configurer.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What hostile tests compare before and after a run: the catalog outside the tool's own objects (the exoquic schema,
 * the replication role and what it was granted, the publication, the slot, the DDL guard's event trigger), and the
 * rights of an application role. A run that changes something else, or gives the application more, fails them.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    /**
     * Roles (attributes, password, comment) and memberships, schemas, relations (kind, owner, replica identity),
     * functions (owner, body, SECURITY DEFINER, configuration), types, publications, event triggers and slots, with
     * every ACL, the database's and the default ones: all but the tool's objects and the grants to its role. One
     * entry per object, so a failed comparison names the objects that differ.
     */
    public static List<String> outsideTool(Catalog catalog, String role, String publication, String slot) {
        String notRole = "x::text NOT LIKE '" + role + "=%' AND x::text NOT LIKE '%/" + role + "'";
        String exoquic = "(SELECT oid FROM pg_namespace WHERE nspname = 'exoquic')";
        List<String> fingerprint = new ArrayList<>();
        fingerprint.addAll(catalog.column("SELECT rolname || concat_ws(',', rolsuper, rolcreaterole, rolcreatedb,"
                + " rolreplication, rolbypassrls, rolcanlogin, rolconnlimit, rolvaliduntil, md5(rolpassword),"
                + " shobj_description(oid, 'pg_authid')) FROM pg_authid WHERE rolname <> '" + role + "' ORDER BY 1"));
        fingerprint.addAll(catalog.column("SELECT roleid::regrole || ' has ' || member::regrole || ' ' || admin_option"
                + " FROM pg_auth_members m WHERE NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = '" + role
                + "' AND r.oid IN (m.member, m.roleid)) ORDER BY 1"));
        fingerprint.addAll(catalog.column("SELECT nspname || ' ' || nspowner::regrole || ' ' || " + acl("coalesce(nspacl, acldefault('n', nspowner))", notRole)
                + " FROM pg_namespace WHERE nspname <> 'exoquic' ORDER BY 1"));
        fingerprint.addAll(catalog.column("SELECT concat_ws(' ', c.oid::regclass, c.relkind, c.relowner::regrole,"
                + " c.relreplident, " + acl("coalesce(c.relacl, acldefault('r', c.relowner))", notRole) + ") FROM pg_class c"
                + " WHERE c.relnamespace IS DISTINCT FROM " + exoquic + " AND c.relpersistence <> 't'"
                + " AND c.relnamespace <> 'pg_toast'::regnamespace ORDER BY 1"));
        fingerprint.addAll(catalog.column("SELECT p.oid::regprocedure || ' ' || p.proowner::regrole || ' '"
                + " || md5(p.prosrc) || ' ' || p.prosecdef || ' ' || coalesce(p.proconfig::text, '-') || ' ' || "
                + acl("coalesce(p.proacl, acldefault('f', p.proowner))", notRole) + " FROM pg_proc p WHERE p.pronamespace IS DISTINCT FROM " + exoquic
                + " ORDER BY 1"));
        fingerprint.addAll(catalog.column("SELECT t.oid::regtype || ' ' || t.typowner::regrole FROM pg_type t"
                + " WHERE t.typnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)"
                + " AND t.typnamespace IS DISTINCT FROM " + exoquic + " ORDER BY 1"));
        fingerprint.addAll(catalog.column("SELECT datname || ' ' || " + acl("coalesce(datacl, acldefault('d', datdba))", notRole)
                + " FROM pg_database ORDER BY 1"));
        fingerprint.addAll(catalog.column("SELECT concat_ws(' ', defaclrole::regrole, defaclnamespace,"
                + " defaclobjtype, " + acl("defaclacl", notRole) + ") FROM pg_default_acl"
                + " WHERE EXISTS (SELECT 1 FROM unnest(defaclacl) x WHERE " + notRole + ") ORDER BY 1"));
        fingerprint.addAll(catalog.column("SELECT pubname || ' ' || pubowner::regrole || ' ' || puballtables"
                + " FROM pg_publication WHERE pubname <> '" + publication + "' ORDER BY 1"));
        fingerprint.addAll(catalog.column("SELECT concat_ws(' ', evtname, evtenabled, evtfoid::regproc)"
                + " FROM pg_event_trigger WHERE evtname <> 'exoquic_ddl_guard' ORDER BY 1"));
        fingerprint.addAll(catalog.column("SELECT slot_name || ' ' || coalesce(plugin, '-') FROM pg_replication_slots"
                + " WHERE slot_name <> '" + slot + "' ORDER BY 1"));
        return fingerprint;
    }

    /** A role's attributes, its memberships, and every privilege someone else granted it in this database. */
    public static List<String> rights(Catalog catalog, String role) {
        String grantee = "'" + role + "'::regrole";
        List<String> rights = new ArrayList<>(catalog.column("SELECT concat_ws(',', rolsuper, rolcreaterole, rolcreatedb,"
                + " rolreplication, rolbypassrls, rolcanlogin) FROM pg_roles WHERE rolname = '" + role + "'"));
        rights.addAll(catalog.column("SELECT 'member of ' || roleid::regrole FROM pg_auth_members"
                + " WHERE member = " + grantee + " ORDER BY 1"));
        rights.addAll(catalog.column("SELECT 'relation ' || c.oid::regclass || ' ' || a.privilege_type"
                + " FROM pg_class c, aclexplode(c.relacl) a WHERE a.grantee = " + grantee + " AND a.grantor <> "
                + grantee + " ORDER BY 1"));
        rights.addAll(catalog.column("SELECT 'schema ' || n.nspname || ' ' || a.privilege_type"
                + " FROM pg_namespace n, aclexplode(n.nspacl) a WHERE a.grantee = " + grantee + " AND a.grantor <> "
                + grantee + " ORDER BY 1"));
        rights.addAll(catalog.column("SELECT 'database ' || d.datname || ' ' || a.privilege_type"
                + " FROM pg_database d, aclexplode(d.datacl) a WHERE a.grantee = " + grantee + " ORDER BY 1"));
        rights.addAll(catalog.column("SELECT 'function ' || p.oid::regprocedure || ' ' || a.privilege_type"
                + " FROM pg_proc p, aclexplode(p.proacl) a WHERE a.grantee = " + grantee + " AND a.grantor <> "
                + grantee + " ORDER BY 1"));
        return rights;
    }

    /** The ACL without the replication role's entries; a default ACL (NULL) written out, as any GRANT writes it. */
    private static String acl(String column, String notRole) {
        return "coalesce((SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(" + column + ") x WHERE "
                + notRole + "), '-')";
    }

}
