package org.skaben.journal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.AsyncProcessorSupport;
import org.skaben.Headers;

/**
 * The journal route's step: queues the entry the exchange's skaben* headers describe for the
 * {@link JournalWriter} and lets the exchange go on only once it is stored.
 *
 * <p>A device packet (an exchange the MQTT ingress route started) does not hold the ingress thread while it
 * waits: the ingress takes the next packet, so that entries gather into batches, and the packet continues, its
 * MQTT acknowledgement included, on one continuation thread, in the order the packets came. Every other caller
 * (operator API, rules, timers) waits on its own thread: it may hold the game's lock, and the writer itself
 * never runs anyone's route, so no one waits for a thread that waits for them. (Why the journal is this step
 * and not an {@code sql:} one: see {@link JournalWriter}.)
 */
public class RecordInJournal extends AsyncProcessorSupport {

    private final JournalRepository journal;
    private final String ingressRouteId;
    // several instances: the task ids, whose claims are marked applied with the entry; null for one process alone
    private final TaskIdRepository claims;
    private volatile ExecutorService continuations;

    public RecordInJournal(JournalRepository journal, String ingressRouteId) {
        this(journal, ingressRouteId, null);
    }

    /**
     * {@code claims}: with several instances, the exchange's task id claim is marked applied in the commit of its
     * entry (see {@link TaskIdRepository#markApplied}); null for one process alone.
     */
    public RecordInJournal(JournalRepository journal, String ingressRouteId, TaskIdRepository claims) {
        this.journal = journal;
        this.ingressRouteId = ingressRouteId;
        this.claims = claims;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message message = exchange.getMessage();
        CompletableFuture<Void> stored;
        try {
            // queued before the entry: committed with it or earlier, never after
            CompletableFuture<Void> applied = claims == null ? null : claims.markApplied(exchange);
            stored = journal.record(message.getHeader(Headers.KIND, String.class),
                    message.getHeader(Headers.SOURCE, String.class), message.getHeader(Headers.TYPE, String.class),
                    message.getHeader(Headers.UID, String.class), message.getHeader("CamelMqttTopic", String.class),
                    message.getHeader(Headers.DETAIL, String.class));
            if (applied != null) {
                stored = CompletableFuture.allOf(applied, stored);
            }
        } catch (RuntimeException refused) {
            exchange.setException(refused);
            callback.done(true);
            return true;
        }
        ExecutorService later = continuations;
        if (!ingressRouteId.equals(exchange.getFromRouteId()) || later == null) {
            try {
                stored.join();
            } catch (CompletionException failed) {
                exchange.setException(failed.getCause());
            }
            callback.done(true);
            return true;
        }
        stored.whenCompleteAsync((ok, failure) -> {
            if (failure != null) {
                exchange.setException(failure);
            }
            callback.done(false);
        }, later);
        return false;
    }

    @Override
    protected void doStart() {
        continuations = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "skaben-ingress-continuation");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    protected void doStop() {
        ExecutorService running = continuations;
        continuations = null;
        if (running != null) {
            // what is queued still runs: those packets are stored and wait only for their acknowledgement
            running.shutdown();
        }
    }
}
