package org.skaben.egress;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The egress queue's publisher (routes/egress.camel.yaml, step of mqtt-publish): hands each packet to the
 * {@link PublishWindow} and completes its exchange when the broker acknowledged it, so that the queue's one
 * consumer goes on to the next packet while earlier ones are still on the wire (camel-paho-mqtt5's producer
 * waits for each PUBACK: one round trip per packet). The topic is CamelPahoMqtt5OverrideTopic, as for that
 * producer; the body is the packet's bytes.
 */
public class EgressPublisher extends AsyncProcessorSupport {

    /** The header that carries the packet's topic: camel-paho-mqtt5's, which every caller sets. */
    public static final String TOPIC = PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC;

    /** Makes the link when the publisher starts. */
    @FunctionalInterface
    public interface LinkFactory {
        PublishWindow.Link<PahoLink.Outgoing> open() throws Exception;
    }

    private final LinkFactory links;
    private final int qos;
    private final int inFlight;
    private final PublishWindow.Backoff backoff;
    private final long stopMillis;
    private volatile PublishWindow<PahoLink.Outgoing> window;
    private PublishWindow.Link<PahoLink.Outgoing> link;

    /** {@code stopMillis}: how long a stop waits for the broker's last acknowledgements. */
    public EgressPublisher(LinkFactory links, int qos, int inFlight, PublishWindow.Backoff backoff, long stopMillis) {
        this.links = links;
        this.qos = qos;
        this.inFlight = inFlight;
        this.backoff = backoff;
        this.stopMillis = stopMillis;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        PublishWindow<PahoLink.Outgoing> running = window;
        Message in = exchange.getMessage();
        String topic = in.getHeader(TOPIC, String.class);
        if (running == null || topic == null) {
            exchange.setException(new IllegalStateException(running == null ? "the publisher is stopped"
                    : "no topic (" + TOPIC + ")"));
            callback.done(true);
            return true;
        }
        try {
            running.publish(new PahoLink.Outgoing(topic, in.getMandatoryBody(byte[].class), qos),
                    new PublishWindow.Result() {
                        @Override
                        public void acknowledged() {
                            callback.done(false);
                        }

                        @Override
                        public void failed(Exception e) {
                            exchange.setException(e);
                            callback.done(false);
                        }
                    });
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return false;
    }

    /** The window (null while stopped): its limit and peak, for tests and the bench. */
    public PublishWindow<PahoLink.Outgoing> window() {
        return window;
    }

    @Override
    protected void doStart() throws Exception {
        link = links.open();
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "skaben-egress-retry");
            thread.setDaemon(true);
            return thread;
        });
        PublishWindow<PahoLink.Outgoing> started = new PublishWindow<>(link, inFlight, PahoLink::away, backoff,
                retries);
        try {
            started.start();
        } catch (Exception e) {
            retries.shutdownNow();
            throw e;
        }
        window = started;
    }

    @Override
    protected void doStop() throws Exception {
        PublishWindow<PahoLink.Outgoing> running = window;
        window = null;
        try {
            if (running != null) {
                // the route's stop has waited for its exchanges in flight: anything left fails loudly here
                running.stop(stopMillis);
            }
        } finally {
            if (link instanceof PahoLink paho) {
                paho.close(stopMillis);
            }
        }
    }
}
