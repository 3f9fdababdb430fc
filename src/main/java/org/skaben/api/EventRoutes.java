package org.skaben.api;

import java.util.Map;
import org.apache.camel.model.rest.RestDefinition;

/** /api/events: the journal, what happened to whom and why, for the game master to read. */
public class EventRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api", "events");
        filters(rest.get("/events").routeId("rest-events").description("journal entries, newest first")
                .outType(Map[].class));
        query(rest, "limit", "integer", "how many, 1..1000 (100)").to("direct:api-events");
        filters(rest.get("/events/count").routeId("rest-events-count").description("how many entries match")
                .outType(EventApi.EventCount.class)).to("direct:api-events-count");

        from("direct:api-events").routeId("api-events")
                .setBody(method("eventApi", "events(${header.device}, ${header.kind}, ${header.since}, ${header.limit})"));
        from("direct:api-events-count").routeId("api-events-count")
                .setBody(method("eventApi", "countEvents(${header.device}, ${header.kind}, ${header.since})"));
    }

    private static RestDefinition filters(RestDefinition verb) {
        query(verb, "device", "string", "only this device's entries (its MAC)");
        query(verb, "kind", "string", "only entries of this kind: sup, info, cup, refused, config, ...");
        return query(verb, "since", "string", "only entries since then: an ISO-8601 instant or Unix seconds");
    }
}
