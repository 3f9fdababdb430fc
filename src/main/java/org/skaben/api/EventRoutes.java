package org.skaben.api;

import java.util.Map;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;

/**
 * /api/events: the journal, what happened to whom and why, for the game master to read; ?after= for a reader
 * catching up, and /api/events/stream for the journal live ({@link EventStream}).
 */
public class EventRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api", "events");
        endpoint(query(query(filters(rest.get("/events").outType(Map[].class)), "limit", "integer",
                "how many, 1..1000 (100)"), "after", "integer",
                "only entries after this id, oldest first (a reader catching up)"), "events",
                "journal entries, newest first (with after: oldest first)", "eventApi",
                "events(${header.device}, ${header.kind}, ${header.since}, ${header.limit}, ${header.after})");
        endpoint(filters(rest.get("/events/count").outType(EventApi.EventCount.class)), "events-count",
                "how many entries match", "eventApi", "countEvents(${header.device}, ${header.kind}, ${header.since})");

        // the live journal is served by EventStream on the HTTP server's router, ahead of this route (the REST
        // DSL cannot stream): declared here for the API document; the route answers only if that handler is absent
        RestDefinition stream = rest("/api").tag("events").produces("text/event-stream")
                .securityDefinitions().apiKey(COOKIE, "the console's session cookie (POST /api/session)")
                        .withCookie(SessionCookie.NAME).end().end();
        stream.get("/events/stream").security(TOKEN).security(COOKIE).routeId("rest-events-stream").id("events-stream")
                .description("the journal live, as Server-Sent Events: each entry an event whose id is its row id "
                        + "and whose data is the row as GET /api/events shows it; a heartbeat comment every 15 s. "
                        + "Last-Event-ID (header, or lastEventId) first replays the entries after it. The session "
                        + "cookie authenticates it (an EventSource sends no header); a client that falls behind is "
                        + "disconnected, to reconnect with Last-Event-ID")
                .param().name("Last-Event-ID").type(RestParamType.header).required(false).dataType("integer")
                        .description("the id of the last entry seen").endParam()
                .param().name("lastEventId").type(RestParamType.query).required(false).dataType("integer")
                        .description("the same, as a query parameter").endParam()
                .param().name("device").type(RestParamType.query).required(false).dataType("string")
                        .description("only this device's entries").endParam()
                .param().name("kind").type(RestParamType.query).required(false).dataType("string")
                        .description("only entries of this kind").endParam()
                .to("direct:api-events-stream");
        from("direct:api-events-stream").routeId("api-events-stream")
                .throwException(new ApiException(503, "the live journal is not being served"));
    }

    private static RestDefinition filters(RestDefinition verb) {
        query(verb, "device", "string", "only this device's entries (its MAC)");
        query(verb, "kind", "string", "only entries of this kind: sup, info, cup, refused, config, ...");
        return query(verb, "since", "string", "only entries since then: an ISO-8601 instant or Unix seconds");
    }
}
