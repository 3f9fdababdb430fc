package org.skaben.api;

import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestDefinition;
import org.skaben.Headers;
import org.skaben.game.CacheRefresh;

/**
 * /api/alert: the alert states (created, changed, made current by hand) and the alert counter (set, moved).
 * The states, the counter and its history are read, and a state's definition written, by {@code sql:} steps
 * (sql/alert-*.sql); a definition written has the alert read again (cacheRefresh), is journaled and sent to the
 * scale. Making a state current and setting the counter are the game's actions (GameActions): they decide
 * through the alert's state machine, under its lock, and journal and push themselves.
 */
public class AlertRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api/alert", "alert");
        serve(rest.get("/states").outType(AlertApi.AlertStateView[].class), "alert-states",
                "the alert states, the current one marked");
        serve(rest.post("/states").type(AlertApi.AlertStateChanges.class).outType(AlertApi.AlertStateView.class),
                "alert-state-create", "creates an alert state");
        serve(path(rest.put("/states/{name}").type(AlertApi.AlertStateChanges.class)
                .outType(AlertApi.AlertStateView.class), "name", "the state's name"), "alert-state-update",
                "changes an alert state; absent fields keep their value");
        serve(path(rest.post("/states/{name}/current").type(AlertApi.StateChoice.class)
                .outType(AlertApi.CounterView.class), "name", "the state's name"), "alert-state-current",
                "makes the state current: the counter goes to its threshold, every device gets its config");
        serve(rest.get("/counter").outType(AlertApi.CounterView.class), "alert-counter",
                "the counter, its state and last change");
        serve(query(rest.get("/counter/history").outType(AlertApi.CounterEntryView[].class),
                "limit", "integer", "how many, 1..1000 (100)"), "alert-counter-history",
                "the counter's changes, newest first");
        serve(rest.post("/counter").type(AlertApi.CounterChange.class).outType(AlertApi.CounterView.class),
                "alert-counter-post", "sets (value) or moves (delta) the counter");

        from("direct:api-alert-states").routeId("api-alert-states")
                .to("sql:classpath:sql/alert-states.sql")
                .setBody(method("alertApi", "states(${body})"));

        // body: the state checked against the others (AlertState), written, then read back with the rest
        from("direct:api-alert-state-create").routeId("api-alert-state-create")
                .setBody(method("alertApi", "newState(${body})"))
                .to("sql:classpath:sql/alert-state-insert.sql?noop=true")
                .setVariable("saved", constant("created"))
                .to("direct:alert-state-saved")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201));
        from("direct:api-alert-state-update").routeId("api-alert-state-update")
                .setBody(method("alertApi", "changedState(${header.name}, ${body})"))
                .to("sql:classpath:sql/alert-state-update.sql?noop=true")
                .setVariable("saved", constant("changed"))
                .to("direct:alert-state-saved");
        from("direct:alert-state-saved").routeId("alert-state-saved")
                .bean("cacheRefresh", "changed('" + CacheRefresh.ALERT + "')")
                .setHeader(Headers.KIND, constant("alert-states"))
                .setHeader(Headers.DETAIL, method("alertApi", "savedDetail(${body}, ${variable.saved})"))
                .to("direct:journal")
                // thresholds and names show on the scale
                .setHeader(Headers.TYPE, method("alertApi", "scaleType"))
                .setHeader(Headers.CUP_REASON, constant("alert states changed by operator"))
                .to("direct:sync-type")
                .setBody(method("alertApi", "saved(${body})"));

        from("direct:api-alert-state-current").routeId("api-alert-state-current")
                .bean("alertApi", "setCurrent(${header.name}, ${body}, " + SOURCE + ")")
                .to("direct:alert-counter");
        from("direct:api-alert-counter-post").routeId("api-alert-counter-post")
                .bean("alertApi", "postCounter(${body}, " + SOURCE + ")")
                .to("direct:alert-counter");
        from("direct:api-alert-counter").routeId("api-alert-counter")
                .to("direct:alert-counter");
        from("direct:alert-counter").routeId("alert-counter")
                .to("sql:classpath:sql/alert-counter.sql?outputType=SelectOne")
                .setBody(method("alertApi", "counter(${body})"));

        from("direct:api-alert-counter-history").routeId("api-alert-counter-history")
                .setVariable("limit", method("alertApi", "limit(${header.limit})"))
                .to("sql:classpath:sql/alert-counter-history.sql")
                .setBody(method("alertApi", "history(${body})"));
    }
}
