package org.skaben.api;

import org.apache.camel.model.rest.RestDefinition;

/** /api/alert: the alert states (created, changed, made current by hand) and the alert counter (set, moved). */
public class AlertRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api/alert", "alert");
        rest.get("/states").routeId("rest-alert-states").description("the alert states, the current one marked")
                .outType(AlertApi.AlertStateView[].class).to("direct:api-alert-states");
        rest.post("/states").routeId("rest-alert-state-create").description("creates an alert state")
                .type(AlertApi.AlertStateChanges.class).outType(AlertApi.AlertStateView.class)
                .to("direct:api-alert-state-create");
        path(rest.put("/states/{name}").routeId("rest-alert-state-update")
                .description("changes an alert state; absent fields keep their value")
                .type(AlertApi.AlertStateChanges.class).outType(AlertApi.AlertStateView.class),
                "name", "the state's name").to("direct:api-alert-state-update");
        path(rest.post("/states/{name}/current").routeId("rest-alert-state-current")
                .description("makes the state current: the counter goes to its threshold, every device gets its config")
                .type(AlertApi.StateChoice.class).outType(AlertApi.CounterView.class),
                "name", "the state's name").to("direct:api-alert-state-current");
        rest.get("/counter").routeId("rest-alert-counter").description("the counter, its state and last change")
                .outType(AlertApi.CounterView.class).to("direct:api-alert-counter");
        query(rest.get("/counter/history").routeId("rest-alert-counter-history")
                .description("the counter's changes, newest first").outType(AlertApi.CounterEntryView[].class),
                "limit", "integer", "how many, 1..1000 (100)").to("direct:api-alert-counter-history");
        rest.post("/counter").routeId("rest-alert-counter-post").description("sets or moves the counter")
                .type(AlertApi.CounterChange.class).outType(AlertApi.CounterView.class)
                .to("direct:api-alert-counter-post");

        reply("api-alert-states", "alertApi", "states");
        created("api-alert-state-create", "alertApi", "createState(${body})");
        reply("api-alert-state-update", "alertApi", "updateState(${header.name}, ${body})");
        reply("api-alert-state-current", "alertApi", "setCurrent(${header.name}, ${body})");
        reply("api-alert-counter", "alertApi", "counter");
        reply("api-alert-counter-history", "alertApi", "history(${header.limit})");
        reply("api-alert-counter-post", "alertApi", "postCounter(${body})");
    }
}
