package org.skaben.api;

import org.apache.camel.model.rest.RestDefinition;
import org.skaben.Headers;

/**
 * /api/types and /api/sync: the device types (created, changed, their devices sent their configs again) and
 * a sync of every device. A saved type is journaled with source "operator".
 */
public class TypeRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api", "types");
        rest.get("/types").routeId("rest-types").description("every device type")
                .outType(TypeApi.TypeView[].class).to("direct:api-types");
        path(rest.put("/types/{type}").routeId("rest-type-save")
                .description("creates or changes a device type; absent fields keep their value")
                .type(TypeApi.TypeChanges.class).outType(TypeApi.TypeView.class), "type", "the type's name")
                .to("direct:api-type-save");
        path(rest.post("/types/{type}/sync").routeId("rest-type-sync")
                .description("sends every device of the type its config again")
                .outType(TypeApi.Synced.class), "type", "the type's name")
                .to("direct:api-type-sync");
        rest.post("/sync").routeId("rest-sync").description("sends every device its config again")
                .outType(TypeApi.Synced.class).to("direct:api-sync");

        from("direct:api-types").routeId("api-types")
                .setBody(method("typeApi", "types"));
        from("direct:api-type-save").routeId("api-type-save")
                .process(e -> e.getMessage().setHeader(Headers.DETAIL, ApiJson.write(e.getMessage().getBody())))
                .setBody(method("typeApi", "saveType(${header.type}, ${body})"))
                .setHeader(Headers.TYPE, header("type"))
                .setHeader(Headers.KIND, constant("type"))
                .to("direct:journal");

        from("direct:api-type-sync").routeId("api-type-sync")
                .setHeader(Headers.TYPE, method("typeApi", "requireType(${header.type})"))
                .setHeader(Headers.CUP_REASON, constant("type sync requested by operator"))
                .to("direct:sync-type")
                .setBody(e -> new TypeApi.Synced(e.getMessage().getHeader(Headers.TYPE, String.class), true));
        from("direct:api-sync").routeId("api-sync")
                .setHeader(Headers.CUP_REASON, constant("sync requested by operator"))
                .to("direct:sync-all")
                .setBody(e -> new TypeApi.Synced(null, true));
    }
}
