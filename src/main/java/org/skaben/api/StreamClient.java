package org.skaben.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.skaben.journal.JournalFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's live journal. The journal's writer hands it each committed entry ({@link #entry}): it takes it
 * into a bounded queue and returns, whatever the browser does; the connection's event loop writes the queue out
 * only while the socket takes it. A client whose queue overflows (it fell behind, or stopped reading) is
 * dropped: its connection is closed, and its browser reconnects with Last-Event-ID and catches up from the
 * database. Everything but {@link #entry} and {@link #drop} runs on the connection's event loop.
 */
final class StreamClient implements JournalFeed.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamClient.class);
    /** Rows read from the database at a time when catching up, and entries written at a time. */
    static final int PAGE = 500;
    /** How long a browser waits before it reconnects (the EventSource's retry). */
    private static final int RETRY_MILLIS = 2000;

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final JournalCatchUp catchUp;
    private final JournalFeed feed;
    private final String uid;
    private final String kind;
    private final BlockingQueue<JournalFeed.Entry> live;
    private final long heartbeatMillis;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable unlisten = () -> { };

    // the event loop's own
    private long lastSent;
    private boolean replaying;
    private long heartbeat = -1;
    private int stalledBeats;

    StreamClient(RoutingContext ctx, JournalCatchUp catchUp, JournalFeed feed, String uid, String kind,
                 int queueSize, long heartbeatMillis) {
        this.vertx = ctx.vertx();
        this.context = vertx.getOrCreateContext();
        this.response = ctx.response();
        this.catchUp = catchUp;
        this.feed = feed;
        this.uid = uid;
        this.kind = kind;
        this.live = new ArrayBlockingQueue<>(queueSize);
        this.heartbeatMillis = heartbeatMillis;
    }

    /** Opens the stream: listens first, then catches up after {@code after} (if given), then goes live. */
    void start(Long after) {
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(v -> closed());
        response.exceptionHandler(e -> closed());
        response.write("retry: " + RETRY_MILLIS + "\n: connected\n\n");
        // listening before reading the database: an entry committed meanwhile is in the queue, or in the rows
        // read, or both (then the id says it was sent); never in neither
        unlisten = feed.listen(this);
        if (response.closed()) {
            // gone before its close handler was set: that handler will not run
            closed();
            return;
        }
        heartbeat = vertx.setPeriodic(heartbeatMillis, id -> beat());
        if (after != null) {
            lastSent = after;
            replaying = true;
            catchUp();
        }
    }

    /** The writer's thread: never waits. */
    @Override
    public void entry(JournalFeed.Entry entry) {
        if (closed.get() || uid != null && !uid.equals(entry.uid()) || kind != null && !kind.equals(entry.kind())) {
            return;
        }
        if (!live.offer(entry)) {
            drop("it fell " + live.size() + " entries behind");
            return;
        }
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                pump();
            });
        }
    }

    /**
     * The rows after the last one sent, a page at a time, each page once the socket has room; no further than the
     * feed's horizon, read before the rows (with several instances the feed hands on the rows of the shared table
     * up to it: a row above it may be committed later than rows above it, and comes through the feed).
     */
    private void catchUp() {
        vertx.executeBlocking(() -> {
            long horizon = feed.horizon();
            return new Page(catchUp.after(lastSent, uid, kind, PAGE), horizon);
        }, false).onComplete(read -> {
            if (closed.get()) {
                return;
            }
            if (read.failed()) {
                drop("the journal could not be read: " + read.cause());
                return;
            }
            List<Map<String, Object>> rows = read.result().rows();
            boolean atHorizon = false;
            Buffer page = Buffer.buffer();
            for (Map<String, Object> row : rows) {
                long id = ((Number) row.get("id")).longValue();
                if (id > read.result().horizon()) {
                    atHorizon = true;
                    break;
                }
                append(page, id, row);
                lastSent = id;
            }
            if (page.length() > 0) {
                response.write(page);
            }
            if (rows.size() < PAGE || atHorizon) {
                replaying = false;
                pump();
            } else if (response.writeQueueFull()) {
                response.drainHandler(v -> catchUp());
            } else {
                catchUp();
            }
        });
    }

    private record Page(List<Map<String, Object>> rows, long horizon) {
    }

    /** Writes what is queued while the socket takes it; waits for the socket to drain otherwise. */
    private void pump() {
        if (closed.get() || replaying) {
            return;
        }
        if (response.writeQueueFull()) {
            response.drainHandler(v -> pump());
            return;
        }
        Buffer batch = Buffer.buffer();
        JournalFeed.Entry entry;
        int n = 0;
        while (n < PAGE && (entry = live.poll()) != null) {
            if (entry.id() > lastSent) {
                append(batch, entry.id(), entry.row());
                lastSent = entry.id();
                n++;
            }
        }
        if (n > 0) {
            response.write(batch);
        }
        if (!live.isEmpty()) {
            if (response.writeQueueFull()) {
                response.drainHandler(v -> pump());
            } else {
                context.runOnContext(v -> pump());
            }
        }
    }

    /** A comment keeps an idle stream open; a stream whose socket took nothing for two beats is stuck. */
    private void beat() {
        if (closed.get()) {
            return;
        }
        if (response.writeQueueFull()) {
            if (++stalledBeats >= 2) {
                drop("its browser has read nothing for " + 2 * heartbeatMillis / 1000 + " s");
            }
            return;
        }
        stalledBeats = 0;
        response.write(": heartbeat\n\n");
    }

    private static void append(Buffer out, long id, Map<String, Object> row) {
        try {
            out.appendString("id: " + id + "\ndata: " + ApiJson.MAPPER.writeValueAsString(row) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journal row is always JSON", e);
        }
    }

    /** Any thread: stops listening and closes the connection (the browser reconnects and catches up). */
    void drop(String why) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        unlisten.run();
        live.clear();
        LOG.info("live journal client dropped: {}", why);
        context.runOnContext(v -> {
            cancelHeartbeat();
            response.close();
        });
    }

    private void closed() {
        closed.set(true);
        unlisten.run();
        live.clear();
        cancelHeartbeat();
    }

    private void cancelHeartbeat() {
        if (heartbeat >= 0) {
            vertx.cancelTimer(heartbeat);
            heartbeat = -1;
        }
    }
}
