package com.exoquic.configurer.internal.postgres;

import com.exoquic.configurer.testing.Readme;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FindingCode} is the one list of codes: the README's bad-input table documents each and no other, the drift
 * templates return exactly its drift codes, and no Java source makes a finding or names a code from text.
 */
@Tag("unit")
class FindingCodeTest {
    private static final String SECTION = "### Bad input and what it gets";
    private static final Pattern CODE_CELL = Pattern.compile("`([a-z]+(?:-[a-z]+)*)`");
    /** The templates whose rows are (code, detail, repairable): the drift checks, migrate's read and the status view. */
    private static final List<String> DRIFT_TEMPLATES = List.of("drift_table_findings", "drift_object_findings", "inspect_drift",
            "R__5_status_view");
    /** A row's first column: {@code SELECT 'grants-missing'::text, ...} or {@code SELECT 'guard', g.problem, ...}. */
    private static final Pattern SELECTED_CODE = Pattern.compile("SELECT\\s+'([a-z]+(?:-[a-z]+)*)'(?:::text)?\\s*,");
    /** {@code SELECT CASE WHEN ... THEN 'role-stale-grant' ELSE 'role-privilege' END, ...}, within one SELECT. */
    private static final Pattern CHOSEN_CODE = Pattern.compile(
            "SELECT\\s+CASE\\b(?:(?!SELECT).)*?THEN\\s+'([a-z]+(?:-[a-z]+)*)'\\s+ELSE\\s+'([a-z]+(?:-[a-z]+)*)'\\s+END\\s*,",
            Pattern.DOTALL);

    @Test
    void theReadmeTableListsEveryCodeAndNoOther() {
        Set<String> documented = new TreeSet<>();
        List<String> table = Readme.table(SECTION);
        int column = Readme.cells(table.get(0)).indexOf("Code");
        assertThat(column).as("the table under '%s' has a Code column: %s", SECTION, table.get(0)).isNotNegative();
        for (String row : table.subList(2, table.size())) {
            Matcher code = CODE_CELL.matcher(Readme.cells(row).get(column));
            while (code.find()) {
                documented.add(code.group(1)); // a code may name a refusal and a drift (publication-owner)
            }
        }
        assertThat(documented).as("the codes in README.md's table under '%s'", SECTION).isEqualTo(texts(values()));
    }

    @Test
    void theDriftTemplatesReturnExactlyTheDriftCodes() throws IOException {
        Set<String> returned = new TreeSet<>();
        for (String template : DRIFT_TEMPLATES) {
            String sql = Files.readString(Path.of("sql-templates", template + ".sql.mustache"), StandardCharsets.UTF_8);
            Matcher selected = SELECTED_CODE.matcher(sql);
            while (selected.find()) {
                returned.add(selected.group(1));
            }
            Matcher chosen = CHOSEN_CODE.matcher(sql);
            while (chosen.find()) {
                returned.add(chosen.group(1));
                returned.add(chosen.group(2));
            }
        }
        assertThat(returned).as("codes the drift templates return")
                .isEqualTo(texts(values().filter(FindingCode::drift)));
    }

    /** Only the enum makes a finding, and a code's text (those with a hyphen: "slot" is also a word) lives only there. */
    @Test
    void noJavaSourceMakesAFindingOrNamesACodeAsText() throws IOException {
        Path enumSource = Path.of("src/main/java/com/exoquic/configurer/internal/postgres/FindingCode.java");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                if (source.equals(enumSource)) {
                    continue;
                }
                String text = Files.readString(source, StandardCharsets.UTF_8);
                if (text.contains("new Finding(")) {
                    offences.add(source + ": new Finding(");
                }
                values().map(FindingCode::code).filter(code -> code.contains("-"))
                        .filter(code -> text.contains("\"" + code + "\"")).forEach(code -> offences.add(source + ": \"" + code + "\""));
            }
        }
        assertThat(offences).as("use FindingCode instead").isEmpty();
    }

    @Test
    void codesAreUniqueAndDescribed() {
        assertThat(values().map(FindingCode::code)).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z]+(-[a-z]+)*"));
        assertThat(values().map(FindingCode::description)).allMatch(description -> !description.isBlank());
    }

    private static Stream<FindingCode> values() {
        return Arrays.stream(FindingCode.values());
    }

    private static Set<String> texts(Stream<FindingCode> codes) {
        return codes.map(FindingCode::code).collect(Collectors.toCollection(TreeSet::new));
    }

}
