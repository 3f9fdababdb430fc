package org.skaben.api;

import java.util.List;
import java.util.Map;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;

/**
 * /api/events: the journal, what happened to whom and why, for the game master to read; ?after= for a reader
 * catching up, and /api/events/stream for the journal live ({@link EventStream}). Read by {@code sql:} steps
 * (sql/events*.sql); the journal is written by routes/journal.camel.yaml.
 */
public class EventRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api", "events");
        serve(query(query(filters(rest.get("/events").outType(Map[].class)), "limit", "integer",
                "how many, 1..1000 (100)"), "after", "integer",
                "only entries after this id, oldest first (a reader catching up)"), "events",
                "journal entries, newest first (with after: oldest first)");
        serve(filters(rest.get("/events/count").outType(EventApi.EventCount.class)), "events-count",
                "how many entries match");

        // body: the query, checked (EventApi.Query)
        from("direct:api-events").routeId("api-events")
                .setBody(method("eventApi",
                        "query(${header.device}, ${header.kind}, ${header.since}, ${header.limit}, ${header.after})"))
                .choice()
                    .when(simple("${body.after} != null")).to("direct:journal-after")
                    .otherwise().to("direct:journal-newest")
                .end();
        from("direct:api-events-count").routeId("api-events-count")
                .setBody(method("eventApi", "countQuery(${header.device}, ${header.kind}, ${header.since})"))
                .to("direct:journal-count");

        // each filter has a fixed statement of its own, sql/events[-after|-count][-by-device|-by-kind|
        // -by-device-and-kind].sql, so that each can use its index (an "x IS NULL OR" could not)
        byFilter(from("direct:journal-newest").routeId("journal-newest"), "events", "")
                .setBody(method("eventApi", "entries(${body})"));
        // the entries after an id, oldest first: the API's ?after= and the live journal's catch-up (EventStream)
        byFilter(from("direct:journal-after").routeId("journal-after"), "events-after", "")
                .setBody(method("eventApi", "entries(${body})"));
        byFilter(from("direct:journal-count").routeId("journal-count"), "events-count", "?outputType=SelectOne")
                .setBody(method("eventApi", "count(${body})"));

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

    /** The query (the body) read by the statement of its filter: {@code statement}[-by-...].sql. */
    private ProcessorDefinition<?> byFilter(RouteDefinition route, String statement, String options) {
        ChoiceDefinition choice = route.choice();
        for (String filter : List.of("by-device-and-kind", "by-device", "by-kind")) {
            choice.when(simple("${body.filter} == '" + filter + "'"))
                    .to("sql:classpath:sql/" + statement + "-" + filter + ".sql" + options);
        }
        return choice.otherwise().to("sql:classpath:sql/" + statement + ".sql" + options).end();
    }

    private static RestDefinition filters(RestDefinition verb) {
        query(verb, "device", "string", "only this device's entries (its MAC)");
        query(verb, "kind", "string", "only entries of this kind: sup, info, cup, refused, config, ...");
        return query(verb, "since", "string", "only entries since then: an ISO-8601 instant or Unix seconds");
    }
}
