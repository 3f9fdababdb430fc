package org.skaben.api;

import org.apache.camel.model.rest.RestDefinition;

/** /api/alert: the alert states (created, changed, made current by hand) and the alert counter (set, moved). */
public class AlertRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api/alert", "alert");
        endpoint(rest.get("/states").outType(AlertApi.AlertStateView[].class), "alert-states",
                "the alert states, the current one marked", "alertApi", "states");
        creating(rest.post("/states").type(AlertApi.AlertStateChanges.class).outType(AlertApi.AlertStateView.class),
                "alert-state-create", "creates an alert state", "alertApi", "createState(${body}, " + SOURCE + ")");
        endpoint(path(rest.put("/states/{name}").type(AlertApi.AlertStateChanges.class)
                .outType(AlertApi.AlertStateView.class), "name", "the state's name"), "alert-state-update",
                "changes an alert state; absent fields keep their value",
                "alertApi", "updateState(${header.name}, ${body}, " + SOURCE + ")");
        endpoint(path(rest.post("/states/{name}/current").type(AlertApi.StateChoice.class)
                .outType(AlertApi.CounterView.class), "name", "the state's name"), "alert-state-current",
                "makes the state current: the counter goes to its threshold, every device gets its config",
                "alertApi", "setCurrent(${header.name}, ${body}, " + SOURCE + ")");
        endpoint(rest.get("/counter").outType(AlertApi.CounterView.class), "alert-counter",
                "the counter, its state and last change", "alertApi", "counter");
        endpoint(query(rest.get("/counter/history").outType(AlertApi.CounterEntryView[].class),
                "limit", "integer", "how many, 1..1000 (100)"), "alert-counter-history",
                "the counter's changes, newest first", "alertApi", "history(${header.limit})");
        endpoint(rest.post("/counter").type(AlertApi.CounterChange.class).outType(AlertApi.CounterView.class),
                "alert-counter-post", "sets (value) or moves (delta) the counter", "alertApi", "postCounter(${body}, " + SOURCE + ")");
    }
}
