package org.skaben.api;

import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.model.rest.RestDefinition;
import org.skaben.Headers;
import org.skaben.game.CacheRefresh;

/**
 * /api/types and /api/sync: the device types (created, changed, their devices sent their configs again) and
 * a sync of every device. The types are read and written by {@code sql:} steps (sql/device-type*.sql); a
 * saved type has the registry read the types again (cacheRefresh) and is journaled with its source.
 */
public class TypeRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api", "types");
        serve(rest.get("/types").outType(TypeApi.TypeView[].class), "types", "every device type");
        serve(path(rest.put("/types/{type}").type(TypeApi.TypeChanges.class).outType(TypeApi.TypeView.class),
                "type", "the type's name"), "type-save",
                "creates or changes a device type; absent fields keep their value");
        serve(path(rest.post("/types/{type}/sync").outType(TypeApi.Synced.class), "type", "the type's name"),
                "type-sync", "sends every device of the type its config again");
        serve(rest.post("/sync").outType(TypeApi.Synced.class), "sync", "sends every device its config again");

        from("direct:api-types").routeId("api-types")
                .to("sql:classpath:sql/device-types.sql")
                .setBody(method("typeApi", "types(${body})"));

        // body: the type checked (DeviceType); no MERGE: an UPDATE, and an INSERT when there was no row, work
        // alike on HSQLDB and PostgreSQL. The registry then reads the types again: every packet reads them there
        from("direct:api-type-save").routeId("api-type-save")
                .process(e -> e.getMessage().setHeader(Headers.DETAIL, ApiJson.write(e.getMessage().getBody())))
                .setBody(method("typeApi", "checked(${header.type}, ${body})"))
                .to("sql:classpath:sql/device-type-update.sql?noop=true")
                .filter(header(SqlConstants.SQL_UPDATE_COUNT).isEqualTo(0))
                    .to("sql:classpath:sql/device-type-insert.sql?noop=true")
                .end()
                .bean("cacheRefresh", "changed('" + CacheRefresh.TYPES + "')")
                .setBody(method("typeApi", "view(${body})"))
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
