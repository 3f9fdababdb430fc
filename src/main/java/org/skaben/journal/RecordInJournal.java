package org.skaben.journal;

import java.util.concurrent.CompletableFuture;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The journal route's step: queues the entry the exchange's skaben* headers describe and lets the exchange go
 * on only once it is stored (see {@link JournalWriter}). Meanwhile the thread that brought the exchange is
 * free for the next packet, and the exchange, its MQTT acknowledgement included, continues on the writer's
 * thread after the commit.
 */
public class RecordInJournal extends AsyncProcessorSupport {

    private final JournalRepository journal;

    public RecordInJournal(JournalRepository journal) {
        this.journal = journal;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message message = exchange.getMessage();
        CompletableFuture<Void> stored;
        try {
            stored = journal.record(message.getHeader("skabenKind", String.class),
                    message.getHeader("skabenSource", String.class), message.getHeader("skabenType", String.class),
                    message.getHeader("skabenUid", String.class), message.getHeader("CamelMqttTopic", String.class),
                    message.getHeader("skabenDetail", String.class));
        } catch (RuntimeException refused) {
            exchange.setException(refused);
            callback.done(true);
            return true;
        }
        stored.whenComplete((ok, failure) -> {
            if (failure != null) {
                exchange.setException(failure);
            }
            callback.done(false);
        });
        return false;
    }
}
