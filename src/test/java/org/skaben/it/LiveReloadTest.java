package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Editing a YAML route file of the running server changes what happens to the next packet, with no restart. */
class LiveReloadTest extends SkabenAppTestSupport {

    private Path routes;

    @Override
    protected Map<String, String> extraProperties() {
        routes = copyOfRoutes();
        return Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml",
                "camel.main.routes-reload-enabled", "true",
                "camel.main.routes-reload-directory", routes.toString());
    }

    @Test
    void anEditedRouteFileTakesEffectWhileTheServerRuns() throws Exception {
        TestDevice lock = device("lock", newUid());
        lock.send("info", "{\"timestamp\": 1, \"datahold\": {\"type\": \"console\", \"content\": \"before\"}}");
        eventually(() -> journal(lock.uid(), "info"));

        Path events = routes.resolve("events.camel.yaml");
        Files.writeString(events, Files.readString(events).replace("constant: info", "constant: player-event"));

        // the file watcher reloads within a second or so; until then packets go the old way
        var rows = repeatUntilJournaled(lock, "info", "{\"timestamp\": 1, \"datahold\": {\"type\": \"console\", \"content\": \"after\"}}", "player-event");
        assertEquals("{\"content\":\"after\",\"type\":\"console\"}", rows.get(0).get("detail"));
    }
}
