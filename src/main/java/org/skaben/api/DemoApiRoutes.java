package org.skaben.api;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestDefinition;
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

        RestDefinition rest = api("/api/demo", "rehearsal");
        endpoint(rest.get("/devices").outType(Map[].class), "demo-devices",
                "the virtual devices (skaben.demo.devices): uid, type, connected, what a player sees, their config",
                "virtualDevices", "list");
        endpoint(path(rest.post("/devices/{uid}/actions").type(Map.class).outType(Map.class), "uid",
                        "the virtual device's uid"), "demo-device-action",
                "a player's action: {\"action\": \"card\", \"code\"} | \"open\" | \"hack\" with \"success\" | "
                        + "\"power\" with \"state\" aux, pwr or off",
                "virtualDevices", "act(${header.uid}, ${body})");
    }
}
