package org.skaben.api;

import java.util.Map;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.model.rest.RestDefinition;
import org.skaben.Headers;
import org.skaben.game.CacheRefresh;

/**
 * /api/simple-configs: what the devices of a simple type are told in each alert state. Read and written by
 * {@code sql:} steps (the statements in sql/simple-config*.sql); a write has the in-memory configs read again
 * (cacheRefresh), is journaled, and a config for the current state is sent to the type at once.
 */
public class SimpleConfigRoutes extends ApiRoutes {

    private static final String REFRESH = "changed('" + CacheRefresh.SIMPLE_CONFIGS + "')";

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api/simple-configs", "simple configs");
        serve(rest.get().outType(SimpleConfigApi.SimpleConfigView[].class), "simple-configs",
                "every simple type's config in every state");
        serve(both(rest.get("/{type}/{state}").outType(SimpleConfigApi.SimpleConfigView.class)),
                "simple-config", "one type's config in one state");
        serve(both(rest.put("/{type}/{state}").type(Map.class).outType(SimpleConfigApi.SimpleConfigView.class)),
                "simple-config-save", "saves the config (the body); sent at once when the state is current");
        serve(both(rest.delete("/{type}/{state}").outType(SimpleConfigApi.SimpleConfigDeleted.class)),
                "simple-config-delete", "deletes the config");

        from("direct:api-simple-configs").routeId("api-simple-configs")
                .to("sql:classpath:sql/simple-configs.sql")
                .setBody(method("simpleConfigApi", "views(${body})"));

        // body: the slot (type and state checked), kept while the row is read
        from("direct:api-simple-config").routeId("api-simple-config")
                .setVariable("slot", method("simpleConfigApi", "slot(${header.type}, ${header.state})"))
                .setBody(variable("slot"))
                .to("sql:classpath:sql/simple-config.sql")
                .setBody(method("simpleConfigApi", "found(${variable.slot}, ${body})"));

        // no MERGE: an UPDATE, and an INSERT when there was no row, work alike on HSQLDB and PostgreSQL
        from("direct:api-simple-config-save").routeId("api-simple-config-save")
                .setBody(method("simpleConfigApi", "slot(${header.type}, ${header.state}, ${body})"))
                .to("sql:classpath:sql/simple-config-update.sql?noop=true")
                .filter(header(SqlConstants.SQL_UPDATE_COUNT).isEqualTo(0))
                    .to("sql:classpath:sql/simple-config-insert.sql?noop=true")
                .end()
                .bean("cacheRefresh", REFRESH)
                .setHeader(Headers.KIND, constant("simple-config"))
                .setHeader(Headers.TYPE, simple("${body.type}"))
                .setHeader(Headers.DETAIL, simple("config for ${body.state}: ${body.configJson}"))
                .to("direct:journal")
                .filter(method("simpleConfigApi", "current(${body})"))
                    .setHeader(Headers.CUP_REASON, simple("config for ${body.state} saved by operator"))
                    .to("direct:sync-type")
                .end()
                .setBody(simple("${body.view}"));

        from("direct:api-simple-config-delete").routeId("api-simple-config-delete")
                .setBody(method("simpleConfigApi", "slot(${header.type}, ${header.state})"))
                .to("sql:classpath:sql/simple-config-delete.sql?noop=true")
                .bean("simpleConfigApi", "requireDeleted(${body}, ${header." + SqlConstants.SQL_UPDATE_COUNT + "})")
                .bean("cacheRefresh", REFRESH)
                .setHeader(Headers.KIND, constant("simple-config"))
                .setHeader(Headers.TYPE, simple("${body.type}"))
                .setHeader(Headers.DETAIL, simple("config for ${body.state} deleted"))
                .to("direct:journal")
                .setBody(simple("${body.type}/${body.state}"))
                .setBody(e -> new SimpleConfigApi.SimpleConfigDeleted(e.getMessage().getBody(String.class)));
    }

    private static RestDefinition both(RestDefinition verb) {
        return path(path(verb, "type", "a simple device type"), "state", "an alert state's name");
    }
}
