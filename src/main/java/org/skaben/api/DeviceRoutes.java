package org.skaben.api;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.model.rest.RestDefinition;
import org.skaben.Headers;
import org.skaben.cup.CupRequest;
import org.skaben.device.Json;

/**
 * /api/devices: the registered devices, the ones refused registration, and what the game master does to one
 * (register, change its config, take it under manual control, send it its config again, delete it, replace it
 * by another uid). Every change is journaled with source "operator" and its CUP goes out at once.
 */
public class DeviceRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api", "devices");
        endpoint(rest.get("/devices").outType(DeviceApi.DeviceView[].class), "devices", "every registered device",
                "deviceApi", "devices");
        serve(rest.post("/devices").type(DeviceApi.DeviceRegistration.class).outType(DeviceApi.DeviceView.class),
                "device-register",
                "registers a device by hand (when auto-registration is off); 409 when it is known");
        endpoint(rest.get("/unregistered-devices").outType(DeviceApi.UnregisteredDevice[].class),
                "unregistered-devices", "devices heard but refused registration, and why",
                "deviceApi", "unregisteredDevices");
        endpoint(uid(rest.get("/devices/{uid}").outType(DeviceApi.DeviceView.class)), "device", "one device",
                "deviceApi", "device(${header.uid})");
        serve(query(uid(rest.put("/devices/{uid}/config").type(Map.class).outType(DeviceApi.DeviceView.class)),
                "overwrite", "boolean", "true replaces the config instead of merging"), "device-config",
                "merges the object into a smart device's config (or replaces it) and sends it");
        serve(uid(rest.post("/devices/{uid}/sync").outType(DeviceApi.SyncResult.class)), "device-sync",
                "sends the device its config again, under override too");
        serve(uid(rest.put("/devices/{uid}/override").type(DeviceApi.OverrideRequest.class)
                .outType(DeviceApi.DeviceView.class)), "device-override",
                "takes the device under manual control (no automatic CUPs) or gives it back");
        serve(uid(rest.delete("/devices/{uid}").outType(DeviceApi.DeviceDeleted.class)), "device-delete",
                "deletes a device registered by mistake, with its permissions and CUP deliveries (its journal stays); "
                        + "heard again, it registers as new where its type may");
        serve(uid(rest.post("/devices/{uid}/replace").type(DeviceApi.ReplaceRequest.class)
                .outType(DeviceApi.DeviceView.class)), "device-replace",
                "puts another uid in the device's place (a lock swapped during a game): it inherits type, config, "
                        + "override and permissions and gets its CUP; the old uid is retired (its packets refused "
                        + "until it is registered by hand). 409 when the new uid is a registered device");

        from("direct:api-device-register").routeId("api-device-register")
                .setHeader(Headers.UID, method("deviceApi", "register(${body})"))
                .setHeader(Headers.TYPE, method("deviceApi", "typeOf(${header.skabenUid})"))
                .setHeader(Headers.KIND, constant("registered"))
                .setHeader(Headers.DETAIL, constant("registered by operator"))
                .setBody(e -> cupRequest(e, "registration"))
                .to("direct:journal-and-push")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201));

        from("direct:api-device-config").routeId("api-device-config")
                .setHeader(Headers.UID, method("deviceApi", "updateConfig(${header.uid}, ${body}, ${header.overwrite})"))
                .setHeader(Headers.TYPE, method("deviceApi", "typeOf(${header.skabenUid})"))
                .process(e -> e.getMessage().setHeader(Headers.DETAIL, Json.write(e.getMessage().getBody())))
                .setHeader(Headers.KIND, constant("config"))
                // updateConfig accepted overwrite only as true, false or nothing
                .setBody(e -> cupRequest(e, "config saved by operator")
                        .overwriting(DeviceApi.overwrite(e.getMessage().getHeader("overwrite", String.class))))
                .to("direct:journal-and-push");

        from("direct:api-device-override").routeId("api-device-override")
                .process(e -> e.getMessage().setHeader(Headers.DETAIL, ApiJson.write(e.getMessage().getBody())))
                .setHeader(Headers.UID, method("deviceApi", "setOverride(${header.uid}, ${body})"))
                .setHeader(Headers.TYPE, method("deviceApi", "typeOf(${header.skabenUid})"))
                .setHeader(Headers.KIND, constant("override"))
                // the device's config carries the flag: it hears of it at once
                .setBody(e -> cupRequest(e, "override changed by operator"))
                .to("direct:journal-and-push");

        from("direct:api-device-delete").routeId("api-device-delete")
                .setBody(method("deviceApi", "delete(${header.uid})"))
                .setHeader(Headers.UID, simple("${body.deleted}"))
                .setHeader(Headers.TYPE, simple("${body.type}"))
                .setHeader(Headers.KIND, constant("device-deleted"))
                .setHeader(Headers.DETAIL, simple("deleted by operator, with ${body.permissions} permission(s)"))
                .to("direct:journal");

        // the old uid's row says what replaced it; the new one's is its registration, and it gets its CUP
        from("direct:api-device-replace").routeId("api-device-replace")
                .setBody(method("deviceApi", "replace(${header.uid}, ${body})"))
                .setHeader(Headers.UID, simple("${body.old}"))
                .setHeader(Headers.TYPE, simple("${body.type}"))
                .setHeader(Headers.KIND, constant("device-replaced"))
                .setHeader(Headers.DETAIL, simple("replaced by ${body.uid} (config, override and "
                        + "${body.permissions} permission(s) moved); retired"))
                .to("direct:journal")
                .setHeader(Headers.DETAIL, simple("registered by operator in place of ${body.old}"))
                .setHeader(Headers.UID, simple("${body.uid}"))
                .setHeader(Headers.KIND, constant("registered"))
                .setBody(e -> cupRequest(e, "replacement"))
                .to("direct:journal-and-push");

        from("direct:api-device-sync").routeId("api-device-sync")
                .setHeader(Headers.UID, method("deviceApi", "requireDevice(${header.uid})"))
                .setHeader(Headers.TYPE, method("deviceApi", "typeOf(${header.skabenUid})"))
                .setBody(e -> cupRequest(e, "sync requested by operator"))
                .to("direct:cup-push")
                .setBody(e -> new DeviceApi.SyncResult(e.getMessage().getHeader(Headers.UID, String.class),
                        e.getMessage().getHeader(Headers.TASK_ID) != null,
                        String.valueOf(e.getMessage().getHeader(Headers.TASK_ID))));

        // a change to one device: journaled, its CUP (the CupRequest in the body) sent at once, the device shown
        // as it is now
        from("direct:journal-and-push").routeId("journal-and-push")
                .to("direct:journal")
                .to("direct:cup-push")
                .setBody(method("deviceApi", "device(${header.skabenUid})"));
    }

    private static RestDefinition uid(RestDefinition verb) {
        return path(verb, "uid", "the device's MAC, any case, with or without colons");
    }

    /** The game master asked: the device in the headers gets its CUP even under override. */
    private static CupRequest cupRequest(Exchange exchange, String reason) {
        Message message = exchange.getMessage();
        return CupRequest.manual(message.getHeader(Headers.TYPE, String.class),
                message.getHeader(Headers.UID, String.class), reason, message.getHeader(Headers.SOURCE, String.class));
    }
}
