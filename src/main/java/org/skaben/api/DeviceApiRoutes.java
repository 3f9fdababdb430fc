package org.skaben.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.skaben.Headers;
import org.skaben.cup.CupRequest;
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
                .setHeader(Headers.UID, method("deviceApi", "register(${bodyAs(String)})"))
                .setHeader(Headers.TYPE, method("deviceApi", "typeOf(${header.skabenUid})"))
                .setHeader(Headers.KIND, constant("registered"))
                .setHeader(Headers.DETAIL, constant("registered by operator"))
                .setBody(e -> cupRequest(e, "registration"))
                .to("direct:journal-and-push")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201));

        from("direct:api-device-config").routeId("api-device-config")
                .setHeader(Headers.UID, method("deviceApi", "updateConfig(${header.uid}, ${bodyAs(String)}, ${header.overwrite})"))
                .setHeader(Headers.TYPE, method("deviceApi", "typeOf(${header.skabenUid})"))
                .setHeader(Headers.DETAIL, simple("${bodyAs(String)}"))
                .setHeader(Headers.KIND, constant("config"))
                // updateConfig accepted overwrite only as true, false or nothing
                .setBody(e -> cupRequest(e, "config saved by operator")
                        .overwriting("true".equals(e.getMessage().getHeader("overwrite", String.class))))
                .to("direct:journal-and-push");

        from("direct:api-device-override").routeId("api-device-override")
                .setHeader(Headers.DETAIL, simple("${bodyAs(String)}"))
                .setHeader(Headers.UID, method("deviceApi", "setOverride(${header.uid}, ${bodyAs(String)})"))
                .setHeader(Headers.TYPE, method("deviceApi", "typeOf(${header.skabenUid})"))
                .setHeader(Headers.KIND, constant("override"))
                // the device's config carries the flag: it hears of it at once
                .setBody(e -> cupRequest(e, "override changed by operator"))
                .to("direct:journal-and-push");

        from("direct:api-device-sync").routeId("api-device-sync")
                .setHeader(Headers.UID, method("deviceApi", "requireDevice(${header.uid})"))
                .setHeader(Headers.TYPE, method("deviceApi", "typeOf(${header.skabenUid})"))
                .setBody(e -> cupRequest(e, "sync requested by operator"))
                .to("direct:cup-push")
                .process(e -> e.getMessage().setBody(Map.of("uid", e.getMessage().getHeader(Headers.UID),
                        "sent", e.getMessage().getHeader(Headers.TASK_ID) != null,
                        "task_id", String.valueOf(e.getMessage().getHeader(Headers.TASK_ID)))))
                .to("direct:reply-json");

        from("direct:api-types").routeId("api-types")
                .setBody(method("deviceApi", "types")).to("direct:reply-json");
        from("direct:api-type-save").routeId("api-type-save")
                .setHeader(Headers.DETAIL, simple("${bodyAs(String)}"))
                .setBody(method("deviceApi", "saveType(${header.type}, ${bodyAs(String)})"))
                .setHeader(Headers.TYPE, header("type"))
                .setHeader(Headers.KIND, constant("type"))
                .to("direct:journal")
                .to("direct:reply-json");

        from("direct:api-type-sync").routeId("api-type-sync")
                .setHeader(Headers.TYPE, method("deviceApi", "requireType(${header.type})"))
                .setHeader(Headers.CUP_REASON, constant("type sync requested by operator"))
                .to("direct:sync-type")
                .setBody(simple("{\"type\": \"${header.skabenType}\", \"synced\": true}"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
        from("direct:api-sync").routeId("api-sync")
                .setHeader(Headers.CUP_REASON, constant("sync requested by operator"))
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
                .setHeader(Headers.KIND, constant("replay"))
                .setHeader(Headers.DETAIL, simple("dead letter ${header.id} replayed to ${header.CamelPahoMqtt5OverrideTopic}"))
                .to("direct:journal")
                .process(e -> e.getMessage().setBody(Map.of("replayed", e.getMessage().getHeader("id"),
                        "topic", e.getMessage().getHeader("CamelPahoMqtt5OverrideTopic"))))
                .to("direct:reply-json");

        // a change to one device: journaled, its CUP (the CupRequest in the body) sent at once, the device shown
        // as it is now
        from("direct:journal-and-push").routeId("journal-and-push")
                .to("direct:journal")
                .to("direct:cup-push")
                .setBody(method("deviceApi", "device(${header.skabenUid})")).to("direct:reply-json");

        from("direct:reply-json").routeId("reply-json")
                .process(e -> e.getMessage().setBody(Json.write(e.getMessage().getBody())))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }

    /** The game master asked: the device in the headers gets its CUP even under override. */
    private static CupRequest cupRequest(Exchange exchange, String reason) {
        Message message = exchange.getMessage();
        return CupRequest.manual(message.getHeader(Headers.TYPE, String.class),
                message.getHeader(Headers.UID, String.class), reason, message.getHeader(Headers.SOURCE, String.class));
    }
}
