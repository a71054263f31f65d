package com.exoquic.configurer.internal.plan;

import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.Settings;
import com.exoquic.configurer.internal.config.SettingsLoader;
import com.exoquic.configurer.internal.config.TableName;
import com.exoquic.configurer.internal.postgres.KeylessTable;
import com.exoquic.configurer.internal.postgres.Provider;
import com.exoquic.configurer.internal.postgres.RoleState;
import com.exoquic.configurer.internal.postgres.ServerParameter;
import com.exoquic.configurer.internal.postgres.ServerState;
import com.exoquic.configurer.internal.postgres.Snapshot;
import com.exoquic.configurer.internal.sql.Sql;
import com.exoquic.configurer.internal.template.SqlTemplates;
import com.exoquic.configurer.testing.HostileNames;
import com.exoquic.configurer.testing.SqlLexer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every template of {@code sql-templates/}, rendered with hostile names everywhere (schemas, tables, role,
 * publication): each name stays inside a quoted literal or identifier, no comment holds a name, every
 * dollar-quoted body ends at its own tag, and no text is one Flyway takes for a placeholder (names holding
 * <code>${</code> included). Every value a template writes is an {@link Sql} value of the model.
 */
@Tag("unit")
class MigrationTemplatesTest {
    private static final Path FOLDER = Path.of("sql-templates");
    private static final String SCHEMA = "s\r$exoquic$${" + HostileNames.PAYLOAD;
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-zA-Z][\\w.]*)\\s*}}");

    static Stream<Arguments> templatesAndCaptures() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String template : templates()) {
            for (String tables : List.of("", HostileNames.tableList(SCHEMA, HostileNames.names("t")),
                    HostileNames.quoted(SCHEMA) + ".*, " + HostileNames.tableList("public", HostileNames.names("p")))) {
                for (int major : List.of(12, 17)) {
                    cases.add(Arguments.of(template, tables, major));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, PostgreSQL {2}, tables [{1}]")
    @MethodSource("templatesAndCaptures")
    void hostileNamesStayInsideQuotes(String template, String tables, int major) {
        Settings settings = hostileSettings(tables);
        String sql = new SqlTemplates().render(template, model(settings, hostileSnapshot(major)));

        assertOnlyQuoted(sql, template);
        assertThat(sql).as(template + ": what Flyway takes for a placeholder").doesNotContain(Sql.FLYWAY_PLACEHOLDER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateNames")
    void everyVariableATemplateWritesIsAnSqlValueOfTheModel(String template) throws IOException {
        Map<String, Object> model = model(hostileSettings(""), hostileSnapshot(17));
        Matcher variables = VARIABLE.matcher(Files.readString(FOLDER.resolve(template + ".sql.mustache")));
        while (variables.find()) {
            String name = variables.group(1);
            if (name.equals("dollar")) {
                continue; // chosen by the renderer
            }
            Object value = model;
            for (String part : name.split("\\.")) {
                value = ((Map<?, ?>) value).get(part);
            }
            if (!name.startsWith("replicationGrant")) { // null when the REPLICATION attribute is used
                assertThat(value).as(template + ": {{" + name + "}}").isInstanceOf(Sql.class);
            }
        }
    }

    /**
     * The migrations' model, plus what the inspection templates get besides: another Flyway history's table, the
     * names the server reads ask for, the digest the catalog state is compared for.
     */
    private static Map<String, Object> model(Settings settings, Snapshot snapshot) {
        Map<String, Object> model = new java.util.HashMap<>(MigrationRenderer.model(settings, snapshot));
        model.put("table", Sql.qualified(SCHEMA, "h" + HostileNames.PAYLOAD));
        model.put("digest", Sql.literal("d" + HostileNames.PAYLOAD));
        model.putAll(com.exoquic.configurer.internal.postgres.Inspector.serverModel());
        return model;
    }

    static List<String> templateNames() throws IOException {
        return templates();
    }

    private static List<String> templates() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(file -> file.getFileName().toString().replace(".sql.mustache", "")).sorted().toList();
        }
    }

    /** Outside quotes there is no part of a name: the payload shows only inside literals and identifiers. */
    private static void assertOnlyQuoted(String sql, String where) {
        for (SqlLexer.Token token : SqlLexer.tokens(sql)) {
            switch (token.kind()) {
                case DOLLAR_BODY -> assertOnlyQuoted(token.text(), where + " (dollar-quoted body)");
                case COMMENT, CODE -> assertThat(token.text()).as(where + ": " + token.kind() + " holds a name")
                        .doesNotContain("lp SUPERUSER");
                default -> { }
            }
        }
    }

    private static Settings hostileSettings(String tables) {
        return SettingsLoader.load(Map.of(), Map.of(
                "EXOQUIC_REPLICATION_USER", "r\"\n$exoquic$${" + HostileNames.PAYLOAD,
                "EXOQUIC_PUBLICATION_NAME", "p'\\$a$${flyway:user}" + HostileNames.PAYLOAD,
                "TABLES_TO_CAPTURE", tables), Set.of());
    }

    private static Snapshot hostileSnapshot(int major) {
        ServerState server = new ServerState(major * 10000, major + ".0", false, "postgres", "shop", true, true, true,
                Set.of(), Map.of("wal_level", new ServerParameter("wal_level", "logical", false),
                        "max_replication_slots", new ServerParameter("max_replication_slots", "10", false),
                        "max_wal_senders", new ServerParameter("max_wal_senders", "10", false)));
        List<TableName> tables = HostileNames.names("k").stream().map(name -> TableName.of(SCHEMA, name)).toList();
        return new Snapshot(server, RoleState.missing(), null, null, List.of(), List.of(),
                List.of(Identifier.of(SCHEMA), Identifier.of("public")), tables,
                tables.stream().map(table -> new KeylessTable(table, "d", false)).toList(), Map.of(),
                Provider.SELF_HOSTED, null);
    }
}
