package org.skaben.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.skaben.device.Json;

/**
 * Liveness and readiness over HTTP, on the API's port: {@code GET /health/live} and {@code GET /health/ready}
 * answer 200 when every check is up and 503 otherwise, with each check's state and message.
 */
public class HealthRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/health").produces("application/json")
                .get("/live").routeId("health-live").to("direct:health-live")
                .get("/ready").routeId("health-ready").to("direct:health-ready");

        from("direct:health-live").routeId("health-live-checks")
                .process(e -> reply(e, HealthCheckHelper.invokeLiveness(e.getContext())));
        from("direct:health-ready").routeId("health-ready-checks")
                .process(e -> reply(e, HealthCheckHelper.invokeReadiness(e.getContext())));
    }

    private static void reply(Exchange exchange, Collection<HealthCheck.Result> results) {
        boolean up = results.stream().allMatch(r -> r.getState() == HealthCheck.State.UP);
        Map<String, Object> checks = new LinkedHashMap<>();
        for (HealthCheck.Result r : results) {
            // the server's own checks always; Camel's per-route ones (a hundred or so) only when not up
            if (r.getState() != HealthCheck.State.UP || "skaben".equals(r.getCheck().getGroup())
                    || "context".equals(r.getCheck().getId())) {
                checks.put(r.getCheck().getId(), r.getMessage().map(m -> r.getState() + ": " + m).orElse(r.getState().name()));
            }
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Json.write(Map.of("status", up ? "UP" : "DOWN", "checks", checks)));
    }
}
