package org.skaben.api;

import org.apache.camel.Exchange;
import org.skaben.device.Json;

import java.util.Map;

/**
 * The game master's REST API for devices, types, the journal and dead letters. Java reads better than YAML
 * for a table of endpoints; every change is journaled with source "operator" and reaches the devices at once.
 */
public class DeviceApiRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        rest("/api").produces("application/json")
                .get("/devices").routeId("rest-devices").to("direct:api-devices")
                .post("/devices").routeId("rest-device-register").to("direct:api-device-register")
                .get("/unregistered-devices").routeId("rest-unregistered-devices").to("direct:api-unregistered-devices")
                .get("/devices/{uid}").routeId("rest-device").to("direct:api-device")
                .put("/devices/{uid}/config").routeId("rest-device-config").to("direct:api-device-config")
                .post("/devices/{uid}/sync").routeId("rest-device-sync").to("direct:api-device-sync")
                .put("/devices/{uid}/override").routeId("rest-device-override").to("direct:api-device-override")
                .get("/types").routeId("rest-types").to("direct:api-types")
                .put("/types/{type}").routeId("rest-type-save").to("direct:api-type-save")
                .post("/types/{type}/sync").routeId("rest-type-sync").to("direct:api-type-sync")
                .post("/sync").routeId("rest-sync").to("direct:api-sync")
                .get("/events").routeId("rest-events").to("direct:api-events")
                .get("/events/count").routeId("rest-events-count").to("direct:api-events-count")
                .get("/dead-letters").routeId("rest-dead-letters").to("direct:api-dead-letters")
                .post("/dead-letters/{id}/replay").routeId("rest-dead-letter-replay").to("direct:api-dead-letter-replay");

        from("direct:api-devices").routeId("api-devices")
                .setBody(method("deviceApi", "devices")).to("direct:reply-json");
        from("direct:api-unregistered-devices").routeId("api-unregistered-devices")
                .setBody(method("deviceApi", "unregisteredDevices")).to("direct:reply-json");
        from("direct:api-device").routeId("api-device")
                .setBody(method("deviceApi", "device(${header.uid})")).to("direct:reply-json");

        from("direct:api-device-register").routeId("api-device-register")
                .setHeader("skabenUid", method("deviceApi", "register(${bodyAs(String)})"))
                .setHeader("skabenType", method("deviceApi", "typeOf(${header.skabenUid})"))
                .setHeader("skabenKind", constant("registered"))
                .setHeader("skabenDetail", constant("registered by operator"))
                .setHeader("skabenCupReason", constant("registration"))
                .to("direct:journal-and-push")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201));

        from("direct:api-device-config").routeId("api-device-config")
                .setHeader("skabenUid", method("deviceApi", "updateConfig(${header.uid}, ${bodyAs(String)}, ${header.overwrite})"))
                .setHeader("skabenType", method("deviceApi", "typeOf(${header.skabenUid})"))
                .setHeader("skabenOverwrite", header("overwrite"))
                .setHeader("skabenDetail", simple("${bodyAs(String)}"))
                .setHeader("skabenKind", constant("config"))
                .setHeader("skabenCupReason", constant("config saved by operator"))
                .to("direct:journal-and-push");

        from("direct:api-device-override").routeId("api-device-override")
                .setHeader("skabenDetail", simple("${bodyAs(String)}"))
                .setHeader("skabenUid", method("deviceApi", "setOverride(${header.uid}, ${bodyAs(String)})"))
                .setHeader("skabenType", method("deviceApi", "typeOf(${header.skabenUid})"))
                .setHeader("skabenKind", constant("override"))
                // the device's config carries the flag: it hears of it at once
                .setHeader("skabenCupReason", constant("override changed by operator"))
                .to("direct:journal-and-push");

        from("direct:api-device-sync").routeId("api-device-sync")
                .setHeader("skabenUid", method("deviceApi", "requireDevice(${header.uid})"))
                .setHeader("skabenType", method("deviceApi", "typeOf(${header.skabenUid})"))
                .setHeader("skabenCupReason", constant("sync requested by operator"))
                .setHeader("skabenCupManual", constant(true))
                .to("direct:cup-push")
                .process(e -> e.getMessage().setBody(Map.of("uid", e.getMessage().getHeader("skabenUid"),
                        "sent", e.getMessage().getHeader("skabenTaskId") != null,
                        "task_id", String.valueOf(e.getMessage().getHeader("skabenTaskId")))))
                .to("direct:reply-json");

        from("direct:api-types").routeId("api-types")
                .setBody(method("deviceApi", "types")).to("direct:reply-json");
        from("direct:api-type-save").routeId("api-type-save")
                .setHeader("skabenDetail", simple("${bodyAs(String)}"))
                .setBody(method("deviceApi", "saveType(${header.type}, ${bodyAs(String)})"))
                .setHeader("skabenType", header("type"))
                .setHeader("skabenKind", constant("type"))
                .to("direct:journal")
                .to("direct:reply-json");

        from("direct:api-type-sync").routeId("api-type-sync")
                .setHeader("skabenType", method("deviceApi", "requireType(${header.type})"))
                .setHeader("skabenCupReason", constant("type sync requested by operator"))
                .to("direct:sync-type")
                .setBody(simple("{\"type\": \"${header.skabenType}\", \"synced\": true}"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
        from("direct:api-sync").routeId("api-sync")
                .setHeader("skabenCupReason", constant("sync requested by operator"))
                .to("direct:sync-all")
                .setBody(constant("{\"synced\": true}"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));

        from("direct:api-events").routeId("api-events")
                .setBody(method("deviceApi", "events(${header.device}, ${header.kind}, ${header.since}, ${header.limit})"))
                .to("direct:reply-json");
        from("direct:api-events-count").routeId("api-events-count")
                .setBody(method("deviceApi", "countEvents(${header.device}, ${header.kind}, ${header.since})"))
                .to("direct:reply-json");

        from("direct:api-dead-letters").routeId("api-dead-letters")
                .setBody(method("deadLetterApi", "list(${header.limit})")).to("direct:reply-json");
        // a replay publishes the packet again, so it takes the whole way a device packet takes
        from("direct:api-dead-letter-replay").routeId("api-dead-letter-replay")
                .setBody(method("deadLetterApi", "replay(${header.id})"))
                .setHeader("CamelPahoMqtt5OverrideTopic", simple("${body.topic()}"))
                .setBody(simple("${body.payload()}"))
                .to("direct:mqtt-egress")
                .setHeader("skabenKind", constant("replay"))
                .setHeader("skabenDetail", simple("dead letter ${header.id} replayed to ${header.CamelPahoMqtt5OverrideTopic}"))
                .to("direct:journal")
                .process(e -> e.getMessage().setBody(Map.of("replayed", e.getMessage().getHeader("id"),
                        "topic", e.getMessage().getHeader("CamelPahoMqtt5OverrideTopic"))))
                .to("direct:reply-json");

        // a change to one device: journaled, its CUP sent at once, the device shown as it is now
        from("direct:journal-and-push").routeId("journal-and-push")
                .to("direct:journal")
                .setHeader("skabenCupManual", constant(true))
                .to("direct:cup-push")
                .setBody(method("deviceApi", "device(${header.skabenUid})")).to("direct:reply-json");

        from("direct:reply-json").routeId("reply-json")
                .process(e -> e.getMessage().setBody(Json.write(e.getMessage().getBody())))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }
}
