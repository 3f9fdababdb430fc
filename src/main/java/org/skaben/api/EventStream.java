package org.skaben.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.skaben.device.Json;
import org.skaben.journal.JournalFeed;
import org.skaben.journal.JournalRepository;

/**
 * GET /api/events/stream: the journal live, as Server-Sent Events, on the HTTP server's own Vert.x router (the
 * REST DSL has no streaming answer). Each entry is an event whose id is its journal row id and whose data is
 * the row as GET /api/events shows it; {@code ?device=&kind=} filter. A browser's EventSource cannot send an
 * Authorization header, so the console's session cookie is accepted (the bearer token too). A reconnect with
 * {@code Last-Event-ID} (or {@code ?lastEventId=}) first gets exactly the rows it missed, from the database.
 * Each client is a {@link StreamClient}: a slow or stuck one is dropped, never waited for.
 */
public class EventStream implements Handler<RoutingContext> {

    /** Where the stream is served. */
    public static final String PATH = "/api/events/stream";

    private final ApiAccess access;
    private final JournalRepository journal;
    private final JournalCatchUp catchUp;
    private final JournalFeed feed;
    private final int queueSize;
    private final long heartbeatMillis;

    /**
     * @param queueSize       entries a client may fall behind by before it is dropped
     * @param heartbeatMillis how often an idle stream gets a comment (proxies and browsers keep it open)
     */
    public EventStream(ApiAccess access, JournalRepository journal, JournalCatchUp catchUp, JournalFeed feed,
                       int queueSize, long heartbeatMillis) {
        this.access = access;
        this.journal = journal;
        this.catchUp = catchUp;
        this.feed = feed;
        this.queueSize = queueSize;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String device;
        String kind;
        Long after;
        try {
            access.source(request.getHeader("Authorization"), request.getHeader("Cookie"),
                    request.getHeader(ApiAccess.OPERATOR_HEADER));
            device = EventApi.device(request.getParam("device"));
            kind = EventApi.kind(request.getParam("kind"));
            after = lastEventId(request.getHeader("Last-Event-ID"), request.getParam("lastEventId"));
        } catch (ApiException refused) {
            if (refused.status() == 401) {
                // journaled like any refused /api call; off the event loop, as the journal's queue may be full
                ctx.vertx().executeBlocking(() -> journal.record("unauthorized", "GET " + PATH, null, null, null,
                        refused.getMessage()), false);
            }
            ctx.response().setStatusCode(refused.status()).putHeader("Content-Type", "application/json")
                    .end(Json.write(Map.of("error", refused.getMessage())));
            return;
        }
        new StreamClient(ctx, catchUp, feed, device, kind, queueSize, heartbeatMillis).start(after);
    }

    /** The id of the last event the client saw, or null for a new client (which gets what happens from now). */
    static Long lastEventId(String header, String parameter) {
        String value = header != null && !header.isBlank() ? header : parameter;
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().matches("\\d{1,18}")) {
            throw new ApiException(400, "Last-Event-ID must be a journal entry's id");
        }
        return Long.parseLong(value.strip());
    }
}
