package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every route and route configuration in routes/ has its route test here: a test class names the ids it covers
 * with {@link RoutesTested}, and a new route without one fails this test.
 */
class EveryRouteHasATestTest {

    /** The id of a route or route configuration: the first key under a top-level list item. */
    private static final Pattern ID = Pattern.compile(
            "^- (?:route|routeConfiguration):\\s*\\n\\s+id:\\s*\"?([\\w-]+)\"?", Pattern.MULTILINE);
    private static final Path TESTS = Path.of("src/test/java/org/skaben/routes");

    static Set<String> routeIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Matcher id = ID.matcher(Files.readString(file));
                while (id.find()) {
                    ids.add(id.group(1));
                }
            }
        }
        return ids;
    }

    static Set<String> testedIds() throws IOException, ClassNotFoundException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(TESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                RoutesTested tested = Class.forName("org.skaben.routes." + name).getAnnotation(RoutesTested.class);
                if (tested != null) {
                    ids.addAll(List.of(tested.value()));
                }
            }
        }
        return ids;
    }

    @Test
    void everyRouteIdInRoutesHasARouteTest() throws Exception {
        Set<String> routes = routeIds();
        assertTrue(routes.containsAll(Set.of("mqtt-ingress", "lock-access", "refusals")), "ids read: " + routes);
        Set<String> untested = new TreeSet<>(routes);
        untested.removeAll(testedIds());
        assertEquals(Set.of(), untested, "routes without a route test (@RoutesTested in " + TESTS + ")");
    }

    @Test
    void noTestClaimsARouteThatIsNotThere() throws Exception {
        Set<String> stale = new TreeSet<>(testedIds());
        stale.removeAll(routeIds());
        assertEquals(Set.of(), stale, "@RoutesTested names ids that routes/ does not have");
    }
}
