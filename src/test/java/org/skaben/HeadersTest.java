package org.skaben;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The skaben* headers are one contract: every name a route file, a SQL file or the Java code uses is defined in
 * {@link Headers}, every one defined there is used, and Java spells them only through its constants.
 */
class HeadersTest {

    private static final Pattern NAME = Pattern.compile("skaben[A-Z]\\w*");
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"skaben[A-Z]\\w*\"");
    private static final Path HEADERS = Path.of("src/main/java/org/skaben/Headers.java");

    /** The values of the public constants of {@link Headers}, read by reflection. */
    private static Set<String> defined() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field field : Headers.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                assertTrue(Modifier.isPublic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()), field.getName());
                assertTrue(names.add((String) field.get(null)), "defined twice: " + field.get(null));
            }
        }
        return names;
    }

    private static List<Path> files(String root, String suffix) {
        try (Stream<Path> walk = Files.walk(Path.of(root))) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Route files, SQL files and the Java code other than Headers itself. */
    private static List<Path> users() {
        List<Path> all = new ArrayList<>(files("routes", ".yaml"));
        all.addAll(files("src/main/resources/sql", ".sql"));
        files("src/main/java", ".java").stream().filter(p -> !p.equals(HEADERS)).forEach(all::add);
        return all;
    }

    /** Each skaben* name with the first file that uses it. */
    private static Map<String, Path> used(List<Path> files) throws IOException {
        Map<String, Path> names = new TreeMap<>();
        for (Path file : files) {
            Matcher m = NAME.matcher(Files.readString(file));
            while (m.find()) {
                names.putIfAbsent(m.group(), file);
            }
        }
        return names;
    }

    @Test
    void everyNameTheRoutesAndBeansUseIsDefined() throws Exception {
        Set<String> defined = defined();
        Map<String, Path> undefined = new TreeMap<>(used(users()));
        undefined.keySet().removeAll(defined);
        assertEquals(Map.of(), undefined, "skaben* headers used but not defined in org.skaben.Headers");
    }

    @Test
    void everyDefinedNameIsUsed() throws Exception {
        Set<String> unused = new TreeSet<>(defined());
        Set<String> used = used(users()).keySet();
        unused.removeAll(used);
        // Java uses a header through its constant: that counts as a use of the name
        for (Path file : files("src/main/java", ".java")) {
            if (!file.equals(HEADERS)) {
                String text = Files.readString(file);
                for (Field field : Headers.class.getDeclaredFields()) {
                    if (text.contains("Headers." + field.getName())) {
                        unused.remove((String) field.get(null));
                    }
                }
            }
        }
        assertEquals(Set.of(), unused, "defined in org.skaben.Headers but used by no route, SQL or Java file");
    }

    @Test
    void javaNamesAHeaderOnlyThroughItsConstant() throws Exception {
        List<String> literals = new ArrayList<>();
        for (Path file : files("src/main/java", ".java")) {
            if (!file.equals(HEADERS)) {
                Matcher m = JAVA_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    literals.add(file + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), literals, "use the constants of org.skaben.Headers");
    }

    @Test
    void theScanSeesTheRoutes() throws Exception {
        // a guard against scanning nothing (run from another directory): the ingress sets skabenSource
        assertFalse(files("routes", ".yaml").isEmpty());
        assertTrue(used(files("routes", ".yaml")).containsKey(Headers.SOURCE));
    }
}
