package com.exoquic.configurer.testing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An attacker's trap for function resolution (CVE-2018-1058): in schemas it may create in, a shadow of every
 * pg_catalog signature of the functions, aggregates and operators named, with polymorphic argument types replaced
 * by concrete ones, and non-polymorphic ones also by the types that convert to them implicitly, so a shadow matches a
 * call's argument types exactly (and outranks pg_catalog's polymorphic or coercing candidate). Same-signature
 * shadows come too: they win wherever a schema of the attacker is searched before pg_catalog. Each shadow, when
 * called, leaves evidence that survives a read-only or rolled-back transaction (a LOG line with {@link #MARKER} in
 * the server log) and, where it can, a row in {@code attacker.evidence}; then it does what pg_catalog's function
 * does, so the run goes on undisturbed, as a real attacker's would.
 */
public final class FunctionShadows {
    public static final String MARKER = "EXOQUIC-SHADOW-CALLED";
    public static final String SCHEMA = "attacker";

    /** The types an argument position gets: what the tool's SQL passes (pgjdbc binds a String as varchar). */
    private static final Set<String> CONCRETE = Set.of("text", "character varying", "name", "\"char\"", "oid",
            "regclass", "regrole", "regnamespace", "integer", "bigint", "numeric", "boolean", "text[]", "name[]",
            "oid[]", "regclass[]", "aclitem", "aclitem[]", "jsonb", "pg_lsn", "inet", "timestamp with time zone",
            "interval");
    /** What an element-type parameter (anyelement, anynonarray, ...) becomes; anyarray becomes its array. */
    private static final List<String> ELEMENTS = List.of("text", "name", "oid", "regclass", "regrole", "integer",
            "bigint", "boolean", "\"char\"", "jsonb", "pg_lsn", "aclitem");
    /** Row types of the catalog views and tables the tool reads (to_jsonb(s) of a pg_replication_slots row, ...). */
    private static final List<String> ROWS = List.of("pg_replication_slots", "pg_roles", "pg_class", "pg_namespace",
            "pg_publication", "pg_settings", "pg_stat_activity", "pg_authid");
    /** What a "any" parameter (format's and concat_ws's variadic ones, count's) becomes. */
    private static final List<String> ANY = List.of("text", "name", "regclass");
    private static final Set<String> ELEMENT_FAMILY = Set.of("anyelement", "anynonarray", "anycompatible",
            "anycompatiblenonarray");
    private static final Set<String> ARRAY_FAMILY = Set.of("anyarray", "anycompatiblearray");
    private static final int MAX_VARIADIC = 3;
    private static final int BATCH = 300;

    private static final String FUNCTIONS = """
            SELECT p.proname, p.prokind, p.proretset, pg_catalog.format_type(p.prorettype, NULL),
                   ARRAY(SELECT pg_catalog.format_type(t, NULL)
                           FROM pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) WITH ORDINALITY AS a(t, i) ORDER BY i),
                   ARRAY(SELECT pg_catalog.format_type(t, NULL)
                           FROM pg_catalog.unnest(p.proallargtypes) WITH ORDINALITY AS a(t, i) ORDER BY i),
                   p.proargmodes::pg_catalog.text[], p.proargnames, p.pronargdefaults, p.provariadic <> 0
              FROM pg_catalog.pg_proc p
             WHERE p.pronamespace = 'pg_catalog'::pg_catalog.regnamespace AND p.proname = ANY (?)
               AND (p.prokind = 'f' OR (p.prokind = 'a' AND EXISTS (SELECT 1 FROM pg_catalog.pg_aggregate g
                                                                   WHERE g.aggfnoid = p.oid AND g.aggkind = 'n')))
             ORDER BY p.oid""";
    private static final String OPERATORS = """
            SELECT o.oprname, pg_catalog.format_type(o.oprleft, NULL), pg_catalog.format_type(o.oprright, NULL),
                   pg_catalog.format_type(o.oprresult, NULL), o.oprleft = 0
              FROM pg_catalog.pg_operator o
             WHERE o.oprnamespace = 'pg_catalog'::pg_catalog.regnamespace AND o.oprname = ANY (?) AND o.oprkind IN ('b', 'l')
             ORDER BY o.oid""";
    private static final String IMPLICIT_CASTS = """
            SELECT pg_catalog.format_type(c.castsource, NULL), pg_catalog.format_type(c.casttarget, NULL)
              FROM pg_catalog.pg_cast c WHERE c.castcontext = 'i'""";

    /** What was planted, by name, and the shadows PostgreSQL refused (a pseudo-type a PL/pgSQL function cannot take). */
    public record Planted(Set<String> functionNames, Set<String> operatorNames, int functions, int operators,
                          List<String> refused) {
        @Override
        public String toString() {
            return functions + " function and aggregate shadows of " + functionNames.size() + " names, " + operators
                    + " operator shadows of " + operatorNames.size() + " operators, " + refused.size() + " refused";
        }
    }

    private final Connection owner;
    private final Map<String, Set<String>> implicitSources = new HashMap<>();
    private final Set<String> planted = new TreeSet<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> queued = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder();
    private int pendingCount;
    private int helpers;

    private FunctionShadows(Connection owner) {
        this.owner = owner;
    }

    /**
     * On {@code owner}'s connection (the attacker's role, in the database to attack): creates schema
     * {@value #SCHEMA} with the evidence table and, in each of {@code schemas}, the shadows of what {@code calls}
     * names.
     */
    public static Planted plant(Connection owner, List<String> schemas, SqlCalls calls) throws SQLException {
        return new FunctionShadows(owner).plant(schemas, calls);
    }

    /**
     * The rows the shadows wrote into {@code attacker.evidence}, oldest first: {@code signature as role (application
     * a, pid n)}; none when none ran in a transaction that committed.
     */
    public static List<String> evidence(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT called || ' as ' || by_role || ' (application ' || app"
                     + " || ', pid ' || pid || ')' FROM attacker.evidence ORDER BY at")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** The shadows the server log says were called, each once: {@code signature as role (session role)}. */
    public static Set<String> logged(List<String> logLines) {
        Set<String> called = new TreeSet<>();
        logLines.stream().filter(line -> line.contains(MARKER))
                .forEach(line -> called.add(line.substring(line.indexOf(MARKER) + MARKER.length()).strip()));
        return called;
    }

    private Planted plant(List<String> schemas, SqlCalls calls) throws SQLException {
        execute("CREATE SCHEMA " + SCHEMA,
                "CREATE TABLE attacker.evidence (called text, by_role text, app text, pid int,"
                        + " at timestamptz DEFAULT pg_catalog.clock_timestamp())",
                "GRANT USAGE ON SCHEMA attacker TO PUBLIC",
                "GRANT INSERT ON attacker.evidence TO PUBLIC",
                // Once per signature and transaction (a shadow of = runs for every row a scan reads). In a read-only
                // transaction the insert fails: the log line is the evidence there.
                """
                CREATE FUNCTION attacker.called(signature text) RETURNS void LANGUAGE plpgsql
                    SET search_path = pg_catalog, pg_temp AS $$
                DECLARE
                    seen text := 'attacker.called_' || pg_catalog.md5(signature);
                BEGIN
                    IF pg_catalog.current_setting(seen, true) = 'yes' THEN
                        RETURN;
                    END IF;
                    PERFORM pg_catalog.set_config(seen, 'yes', true);
                    RAISE LOG 'EXOQUIC-SHADOW-CALLED % as % (session %)', signature, current_user, session_user;
                    BEGIN
                        INSERT INTO attacker.evidence (called, by_role, app, pid)
                        VALUES (signature, current_user, pg_catalog.current_setting('application_name'),
                                pg_catalog.pg_backend_pid());
                    EXCEPTION WHEN OTHERS THEN
                        NULL;
                    END;
                END
                $$""",
                "GRANT EXECUTE ON FUNCTION attacker.called(text) TO PUBLIC");
        readImplicitCasts();
        for (String schema : schemas) {
            plantFunctions(schema, calls.functions());
            plantOperators(schema, calls.operators());
        }
        flush();
        Set<String> refusedSignatures = new TreeSet<>();
        refused.forEach(message -> refusedSignatures.add(message.substring(0, message.indexOf(": "))));
        Set<String> functionNames = new TreeSet<>();
        Set<String> operatorNames = new TreeSet<>();
        int functions = 0;
        int operators = 0;
        for (String signature : queued) {
            if (refusedSignatures.contains(signature)) {
                continue;
            }
            String name = signature.substring(signature.indexOf('.') + 1, signature.indexOf('('));
            if (name.equals("OPERATOR")) {
                operators++;
                operatorNames.add(signature.substring(signature.indexOf('(') + 1, signature.indexOf(")(")));
            } else {
                functions++;
                functionNames.add(name);
            }
        }
        return new Planted(functionNames, operatorNames, functions, operators, refused);
    }

    private void readImplicitCasts() throws SQLException {
        try (Statement statement = owner.createStatement(); ResultSet rs = statement.executeQuery(IMPLICIT_CASTS)) {
            while (rs.next()) {
                implicitSources.computeIfAbsent(rs.getString(2), key -> new TreeSet<>()).add(rs.getString(1));
            }
        }
    }

    private void plantFunctions(String schema, Set<String> names) throws SQLException {
        try (PreparedStatement statement = owner.prepareStatement(FUNCTIONS)) {
            statement.setArray(1, owner.createArrayOf("text", names.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Function function = new Function(rs.getString(1), rs.getString(2).equals("a"), rs.getBoolean(3),
                            rs.getString(4), strings(rs.getArray(5)), strings(rs.getArray(6)), strings(rs.getArray(7)),
                            strings(rs.getArray(8)), rs.getInt(9), rs.getBoolean(10));
                    for (List<String> arguments : function.argumentLists(this)) {
                        shadow(schema, function, arguments);
                    }
                }
            }
        }
    }

    private void plantOperators(String schema, Set<String> names) throws SQLException {
        try (PreparedStatement statement = owner.prepareStatement(OPERATORS)) {
            statement.setArray(1, owner.createArrayOf("text", names.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    boolean prefix = rs.getBoolean(5);
                    List<String> declared = prefix ? List.of(rs.getString(3)) : List.of(rs.getString(2), rs.getString(3));
                    for (List<String> arguments : substitutions(declared)) {
                        String result = substitute(rs.getString(4), arguments, declared);
                        if (result != null) {
                            shadowOperator(schema, name, prefix, arguments, result);
                        }
                    }
                }
            }
        }
    }

    /** A function's argument lists to shadow: every arity its defaults or VARIADIC allow, every substitution. */
    private record Function(String name, boolean aggregate, boolean returnsSet, String returns, List<String> in,
                            List<String> all, List<String> modes, List<String> argumentNames, int defaults,
                            boolean variadic) {
        List<List<String>> argumentLists(FunctionShadows shadows) {
            List<List<String>> declaredLists = new ArrayList<>();
            if (variadic && !aggregate) {
                List<String> fixed = in.subList(0, in.size() - 1);
                String element = in.get(in.size() - 1).equals("\"any\"") ? "\"any\""
                        : in.get(in.size() - 1).replaceFirst("\\[]$", "");
                for (int extra = 0; extra <= MAX_VARIADIC; extra++) {
                    List<String> declared = new ArrayList<>(fixed);
                    for (int i = 0; i < extra; i++) {
                        declared.add(element);
                    }
                    declaredLists.add(declared);
                }
            } else if (!variadic) {
                for (int arity = in.size() - defaults; arity <= in.size(); arity++) {
                    declaredLists.add(in.subList(0, arity));
                }
            }
            List<List<String>> lists = new ArrayList<>();
            for (List<String> declared : declaredLists) {
                lists.addAll(shadows.substitutions(declared).stream()
                        .filter(arguments -> shadows.substitute(returns, arguments, declared) != null).toList());
            }
            return lists;
        }

        /** The OUT (and TABLE) parameters, as {@code "name" type}; empty when there are none, null when one cannot be. */
        List<String> outParameters(List<String> arguments, List<String> declared, FunctionShadows shadows) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < modes.size(); i++) {
                if (modes.get(i).equals("o") || modes.get(i).equals("t")) {
                    String type = shadows.substitute(all.get(i), arguments, declared);
                    if (type == null) {
                        return null;
                    }
                    String label = i < argumentNames.size() && !argumentNames.get(i).isEmpty()
                            ? argumentNames.get(i) : "column" + (i + 1);
                    out.add("OUT " + HostileNames.quoted(label) + " " + type);
                }
            }
            return out;
        }
    }

    /** Every concrete argument list for {@code declared}; polymorphic parameters agree on one element type. */
    private List<List<String>> substitutions(List<String> declared) {
        boolean arrays = declared.stream().anyMatch(ARRAY_FAMILY::contains);
        boolean nonArray = declared.stream().anyMatch(type -> type.endsWith("nonarray"));
        List<String> elements = new ArrayList<>(ELEMENTS);
        if (!arrays && !nonArray) {
            ELEMENTS.forEach(element -> elements.add(element + "[]"));
            elements.addAll(ROWS);
        }
        boolean polymorphic = declared.stream().anyMatch(type -> ELEMENT_FAMILY.contains(type) || ARRAY_FAMILY.contains(type));
        Set<List<String>> lists = new LinkedHashSet<>();
        for (String element : polymorphic ? elements : List.of("")) {
            List<List<String>> partial = new ArrayList<>(List.of(List.of()));
            for (String type : declared) {
                List<String> candidates = candidates(type, element);
                List<List<String>> next = new ArrayList<>();
                for (List<String> prefix : partial) {
                    for (String candidate : candidates) {
                        List<String> list = new ArrayList<>(prefix);
                        list.add(candidate);
                        next.add(list);
                    }
                }
                partial = next;
            }
            lists.addAll(partial);
        }
        return new ArrayList<>(lists);
    }

    private List<String> candidates(String declared, String element) {
        if (ELEMENT_FAMILY.contains(declared)) {
            return List.of(element);
        }
        if (ARRAY_FAMILY.contains(declared)) {
            return List.of(element + "[]");
        }
        if (declared.equals("\"any\"")) {
            return ANY;
        }
        if (declared.equals("record")) {
            return ROWS;
        }
        List<String> candidates = new ArrayList<>();
        if (CONCRETE.contains(declared)) {
            candidates.add(declared);
        }
        implicitSources.getOrDefault(declared, Set.of()).stream().filter(CONCRETE::contains).forEach(candidates::add);
        return candidates; // empty for a type the tool never passes (tsvector, a range, internal): no shadow
    }

    /** {@code type} with the polymorphic element of {@code arguments} put in; null when a shadow cannot return it. */
    private String substitute(String type, List<String> arguments, List<String> declared) {
        String element = null;
        for (int i = 0; i < declared.size(); i++) {
            if (ELEMENT_FAMILY.contains(declared.get(i))) {
                element = arguments.get(i);
            } else if (ARRAY_FAMILY.contains(declared.get(i))) {
                element = arguments.get(i).substring(0, arguments.get(i).length() - 2);
            }
        }
        if (ELEMENT_FAMILY.contains(type)) {
            return element;
        }
        if (ARRAY_FAMILY.contains(type)) {
            return element == null || element.endsWith("[]") || ROWS.contains(element) ? null : element + "[]";
        }
        if (type.startsWith("any") || type.equals("\"any\"") || type.equals("internal") || type.equals("trigger")
                || type.equals("event_trigger") || type.equals("cstring") || type.equals("unknown")) {
            return null;
        }
        return type;
    }

    private void shadow(String schema, Function function, List<String> arguments) throws SQLException {
        String signature = schema + "." + function.name + "(" + String.join(", ", arguments) + ")";
        if (!planted.add(signature)) {
            return;
        }
        List<String> declared = declaredFor(function, arguments.size());
        String returns = substitute(function.returns, arguments, declared);
        String evidence = "PERFORM attacker.called(" + literal(signature) + ");";
        String target = HostileNames.quoted(schema) + "." + HostileNames.quoted(function.name);
        if (function.aggregate) {
            String step = "attacker.step_" + (++helpers);
            List<String> stepArguments = new ArrayList<>(List.of(returns));
            stepArguments.addAll(arguments);
            create(signature,
                    "CREATE FUNCTION " + step + "(" + String.join(", ", stepArguments) + ") RETURNS " + returns
                            + " LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $shadow$ BEGIN " + evidence + " RETURN $1; END $shadow$",
                    "CREATE AGGREGATE " + target + "(" + (arguments.isEmpty() ? "*" : String.join(", ", arguments))
                            + ") (SFUNC = " + step + ", STYPE = " + returns + ")");
            return;
        }
        List<String> out = function.outParameters(arguments, declared, this);
        if (out == null) {
            return;
        }
        List<String> parameters = new ArrayList<>(arguments);
        parameters.addAll(out);
        List<String> placeholders = new ArrayList<>();
        for (int i = 1; i <= arguments.size(); i++) {
            placeholders.add("$" + i);
        }
        String call = "pg_catalog." + HostileNames.quoted(function.name) + "(" + String.join(", ", placeholders) + ")";
        String body;
        String result;
        if (out.isEmpty()) {
            result = " RETURNS " + (function.returnsSet ? "SETOF " : "") + returns;
            body = function.returnsSet ? "RETURN QUERY SELECT " + call + ";"
                    : returns.equals("void") ? "PERFORM " + call + ";" : "RETURN " + call + ";";
        } else {
            result = function.returnsSet ? " RETURNS SETOF record" : "";
            List<String> names = out.stream()
                    .map(parameter -> parameter.substring("OUT ".length(), parameter.lastIndexOf("\" ") + 1)).toList();
            body = function.returnsSet ? "RETURN QUERY SELECT * FROM " + call + ";"
                    : "SELECT * INTO " + String.join(", ", names) + " FROM " + call + "; RETURN;";
        }
        create(signature, "CREATE FUNCTION " + target + "(" + String.join(", ", parameters) + ")" + result
                + " LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $shadow$ BEGIN " + evidence + " " + body + " END $shadow$");
    }

    /** The declared parameter types behind an argument list of {@code arity} (VARIADIC expanded). */
    private static List<String> declaredFor(Function function, int arity) {
        if (!function.variadic || function.aggregate) {
            return function.in.subList(0, arity);
        }
        List<String> declared = new ArrayList<>(function.in.subList(0, function.in.size() - 1));
        String last = function.in.get(function.in.size() - 1);
        while (declared.size() < arity) {
            declared.add(last.equals("\"any\"") ? last : last.replaceFirst("\\[]$", ""));
        }
        return declared;
    }

    private void shadowOperator(String schema, String name, boolean prefix, List<String> arguments, String result)
            throws SQLException {
        String signature = schema + ".OPERATOR(" + name + ")(" + String.join(", ", arguments) + ")";
        if (!planted.add(signature)) {
            return;
        }
        String function = "attacker.operator_" + (++helpers);
        String delegate = prefix ? "OPERATOR(pg_catalog." + name + ") $1" : "$1 OPERATOR(pg_catalog." + name + ") $2";
        String sides = prefix ? "RIGHTARG = " + arguments.get(0)
                : "LEFTARG = " + arguments.get(0) + ", RIGHTARG = " + arguments.get(1);
        create(signature,
                "CREATE FUNCTION " + function + "(" + String.join(", ", arguments) + ") RETURNS " + result
                        + " LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $shadow$ BEGIN PERFORM attacker.called(" + literal(signature) + ");"
                        + " RETURN " + delegate + "; END $shadow$",
                "CREATE OPERATOR " + HostileNames.quoted(schema) + "." + name + " (" + sides + ", FUNCTION = " + function + ")");
    }

    /** Runs {@code ddl} in one transaction; a shadow PostgreSQL refuses is noted, not fatal. */
    /**
     * Queues {@code ddl} (one shadow) as a DO block of its own: a shadow PostgreSQL refuses (a pseudo-type a PL/pgSQL
     * function cannot take) is noted, not fatal. Blocks go to the server a few hundred at a time.
     */
    private void create(String signature, String... ddl) throws SQLException {
        StringBuilder block = new StringBuilder("DO $create$ BEGIN ");
        for (String each : ddl) {
            block.append("EXECUTE $ddl$").append(each).append("$ddl$; ");
        }
        block.append("EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'refused %: %', ").append(literal(signature))
                .append(", SQLERRM; END $create$;\n");
        pending.append(block);
        queued.add(signature);
        if (++pendingCount == BATCH) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (pendingCount == 0) {
            return;
        }
        try (Statement statement = owner.createStatement()) {
            statement.execute(pending.toString());
            for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                if (warning.getMessage().startsWith("refused ")) {
                    String message = warning.getMessage().substring("refused ".length());
                    refused.add(message);
                }
            }
        }
        pending.setLength(0);
        pendingCount = 0;
    }

    private void execute(String... sql) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> strings = new ArrayList<>();
        for (Object value : values) {
            strings.add(value == null ? "" : value.toString());
        }
        return strings;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
