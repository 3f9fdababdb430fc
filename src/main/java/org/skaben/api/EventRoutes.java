package org.skaben.api;

import java.util.Map;
import org.apache.camel.model.rest.RestDefinition;

/** /api/events: the journal, what happened to whom and why, for the game master to read. */
public class EventRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api", "events");
        endpoint(query(filters(rest.get("/events").outType(Map[].class)), "limit", "integer",
                "how many, 1..1000 (100)"), "events", "journal entries, newest first",
                "eventApi", "events(${header.device}, ${header.kind}, ${header.since}, ${header.limit})");
        endpoint(filters(rest.get("/events/count").outType(EventApi.EventCount.class)), "events-count",
                "how many entries match", "eventApi", "countEvents(${header.device}, ${header.kind}, ${header.since})");
    }

    private static RestDefinition filters(RestDefinition verb) {
        query(verb, "device", "string", "only this device's entries (its MAC)");
        query(verb, "kind", "string", "only entries of this kind: sup, info, cup, refused, config, ...");
        return query(verb, "since", "string", "only entries since then: an ISO-8601 instant or Unix seconds");
    }
}
