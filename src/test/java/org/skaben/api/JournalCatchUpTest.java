package org.skaben.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The live journal's catch-up asks the route that serves GET /api/events?after= (direct:journal-after). */
class JournalCatchUpTest {

    @Test
    void theCatchUpIsTheAfterQueryOfTheEventRoutes() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            // stands for the sql: step: answers the query it was given (a lambda: the server's own package scan
            // would pick up a RouteBuilder class)
            RouteBuilder.addRoutes(camel, routes -> routes.from("direct:journal-after")
                    .setBody(e -> List.of(Map.of("query", e.getMessage().getBody(EventApi.Query.class)))));
            camel.start();
            List<Map<String, Object>> rows = JournalCatchUp.through(camel.createProducerTemplate())
                    .after(41, "aabbccddeeff", "sup", 500);
            assertEquals(List.of(Map.of("query", new EventApi.Query("aabbccddeeff", "sup", 0, 500, 41L))), rows);
        }
    }
}
