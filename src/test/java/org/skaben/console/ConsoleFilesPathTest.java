package org.skaben.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which request path names which classpath resource: only console/ and the WebJars, only known file types. */
class ConsoleFilesPathTest {

    @Test
    void theConsolesFilesAndTheWebJarsAreNamed() {
        assertEquals("console/index.html", ConsoleFiles.resource("/"));
        assertEquals("console/app.js", ConsoleFiles.resource("/app.js"));
        assertEquals("console/i18n/ru.json", ConsoleFiles.resource("/i18n/ru.json"));
        assertEquals("console/icons/lock.svg", ConsoleFiles.resource("/icons/lock.svg"));
        assertEquals("META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
                ConsoleFiles.resource("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"));
        assertEquals("text/css; charset=utf-8", ConsoleFiles.type("style.CSS"));
    }

    @Test
    void nothingElseIs() {
        for (String path : new String[] {"", "app.js", "/..", "/../pom.xml", "/a/../b.js", "/%2e%2e/b.js",
                "/.env.js", "/a//b.js", "/dir/", "/application.properties", "/db/migration/V1__x.sql",
                "/Main.class", "/webjars/../x.js", "/webjars/a/..%2fx.js", "/a\\b.js", "/a b.js", "/x.js?y",
                "/webjars", "/a..b.js"}) {
            assertNull(ConsoleFiles.resource(path), path);
        }
    }
}
