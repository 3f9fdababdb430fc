package org.skaben.api;

import java.util.Map;
import org.apache.camel.Exchange;
import org.skaben.demo.ActionRefused;
import org.skaben.device.Json;

/**
 * The rehearsal's player buttons (skaben.demo.devices): the virtual devices as they are, and what a player does
 * at one of them (present a card, open a door, hack a terminal, switch the shield). The devices then speak to the
 * server over MQTT like hardware; the journal shows their packets, not these calls.
 */
public class DemoApiRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        onException(ActionRefused.class).handled(true)
                .process(e -> {
                    ActionRefused refused = cause(e, ActionRefused.class);
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, refused.status());
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    e.getMessage().setBody(Json.write(Map.of("error", refused.getMessage())));
                });

        rest("/api/demo").produces("application/json")
                .get("/devices").routeId("rest-demo-devices").to("direct:api-demo-devices")
                .post("/devices/{uid}/actions").routeId("rest-demo-device-action").to("direct:api-demo-device-action");

        from("direct:api-demo-devices").routeId("api-demo-devices")
                .setBody(method("virtualDevices", "list")).to("direct:reply-json");
        from("direct:api-demo-device-action").routeId("api-demo-device-action")
                .setBody(method("virtualDevices", "act(${header.uid}, ${bodyAs(String)})")).to("direct:reply-json");
    }
}
