package com.exoquic.configurer.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn -B test -Dtest.groups=unit} runs every test class that needs no PostgreSQL server, and only those: a
 * class is tagged {@value #UNIT} exactly when its compiled code (nested classes and lambdas included) never refers
 * to the server harness ({@code PostgresServer}, {@code PostgresServers}, {@code PostgresExtension}).
 */
@Tag(UnitTagTest.UNIT)
class UnitTagTest {
    static final String UNIT = "unit";
    /** How a class file names PostgresServer, PostgresServers and PostgresExtension (built, so this class does not). */
    private static final String HARNESS = UnitTagTest.class.getPackageName().replace('.', '/') + "/Postgres";

    @Test
    void exactlyTheTestClassesThatNeedNoServerAreTaggedUnit() throws Exception {
        Path root = Path.of(UnitTagTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> wrong = new ArrayList<>();
        int unit = 0;
        int server = 0;
        for (Path file : topLevelClassFiles(root)) {
            Class<?> type = Class.forName(className(root, file), false, UnitTagTest.class.getClassLoader());
            if (!hasTests(type)) {
                continue;
            }
            boolean tagged = Arrays.stream(type.getAnnotationsByType(Tag.class)).anyMatch(tag -> tag.value().equals(UNIT));
            boolean needsServer = refersToHarness(file);
            if (tagged == needsServer) {
                wrong.add(type.getName() + (needsServer ? " uses a server but is tagged unit"
                        : " needs no server: tag it @Tag(\"unit\")"));
            }
            if (needsServer) {
                server++;
            } else {
                unit++;
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(unit).as("test classes without a server").isGreaterThan(20);
        assertThat(server).as("test classes with a server").isGreaterThan(20);
    }

    private static List<Path> topLevelClassFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class") && !file.getFileName().toString().contains("$"))
                    .sorted().toList();
        }
    }

    private static String className(Path root, Path file) {
        String relative = root.relativize(file).toString();
        return relative.substring(0, relative.length() - ".class".length()).replace(file.getFileSystem().getSeparator(), ".");
    }

    private static boolean hasTests(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (Arrays.stream(method.getAnnotations())
                    .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(Testable.class))) {
                return true;
            }
        }
        return false;
    }

    /** The class file, or one of its nested classes' files, names a class of the server harness. */
    private static boolean refersToHarness(Path file) throws IOException {
        String name = file.getFileName().toString();
        String prefix = name.substring(0, name.length() - ".class".length());
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            for (Path each : (Iterable<Path>) siblings::iterator) {
                String sibling = each.getFileName().toString();
                if ((sibling.equals(name) || sibling.startsWith(prefix + "$"))
                        && new String(Files.readAllBytes(each), StandardCharsets.ISO_8859_1).contains(HARNESS)) {
                    return true;
                }
            }
        }
        return false;
    }
}
