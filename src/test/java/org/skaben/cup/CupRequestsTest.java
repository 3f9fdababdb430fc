package org.skaben.cup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;

class CupRequestsTest {

    @Test
    void aRouteBeanStepBuildsTheRequestFromTheHeaders() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("cupRequests", new CupRequests());
            // a lambda, not a RouteBuilder class: the server's tests scan org.skaben for RouteBuilder classes
            RouteBuilder.addRoutes(camel, routes -> {
                routes.from("direct:automatic").bean("cupRequests", "automatic");
                routes.from("direct:manual").bean("cupRequests", "manual");
            });
            camel.start();
            var headers = java.util.Map.<String, Object>of(Headers.TYPE, "lock", Headers.UID, "aabbccddeeff",
                    Headers.CUP_REASON, "hash drift", Headers.SOURCE, "device");
            Exchange automatic = camel.createProducerTemplate().request("direct:automatic",
                    e -> e.getMessage().setHeaders(new java.util.HashMap<>(headers)));
            assertEquals(new CupRequest("lock", "aabbccddeeff", "hash drift", "device", false, false),
                    automatic.getMessage().getBody());
            Exchange manual = camel.createProducerTemplate().request("direct:manual",
                    e -> e.getMessage().setHeaders(new java.util.HashMap<>(headers)));
            assertEquals(new CupRequest("lock", "aabbccddeeff", "hash drift", "device", true, false),
                    manual.getMessage().getBody());
        }
    }
}
