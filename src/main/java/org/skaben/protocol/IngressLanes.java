package org.skaben.protocol;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The MQTT ingress's hand-off (routes/ingress.camel.yaml): each packet goes on in its device's lane, one thread per
 * lane, so that packets of different devices are processed side by side while one device's packets keep the order
 * they came in (a SUP is applied before the PONG that reports the new config's hash). Without it every packet runs
 * on the MQTT client's one callback thread, which then also reads from the broker: measured, that thread bounded
 * the server at about half the broker's rate even for PONGs. The packet is acknowledged to the broker when its
 * exchange completes, as before: the hand-off loses nothing a stop or a crash could not lose before. Each lane
 * queues a few packets only: when its queue is full the MQTT client's thread waits, so that a burst the server
 * cannot take (a stalled database) waits in the broker, not in the server's memory.
 */
public class IngressLanes extends AsyncProcessorSupport {

    private final int lanes;
    private final int queue;
    private volatile ExecutorService[] executors;

    /**
     * {@code lanes}: threads, 0 keeps every packet on the thread that hands it over (no lanes); {@code queue}:
     * packets each lane holds beside the one it processes.
     */
    public IngressLanes(int lanes, int queue) {
        if (lanes < 0) {
            throw new IllegalArgumentException("skaben.ingress.lanes must be 0 or more, not " + lanes);
        }
        if (queue < 1) {
            throw new IllegalArgumentException("skaben.ingress.lane-queue must be 1 or more, not " + queue);
        }
        this.lanes = lanes;
        this.queue = queue;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (lanes == 0) {
            callback.done(true);
            return true;
        }
        ExecutorService[] running = executors;
        if (running == null) {
            exchange.setException(new RejectedExecutionException("the ingress lanes are stopped"));
            callback.done(true);
            return true;
        }
        int lane = lane(exchange.getMessage().getHeader("CamelMqttTopic", String.class), running.length);
        try {
            running[lane].execute(() -> callback.done(false));
        } catch (RejectedExecutionException stopped) {
            exchange.setException(stopped);
            callback.done(true);
            return true;
        }
        return false;
    }

    /** The lane of a topic's device: its topic without the command (ask/type/uid), so that every command shares it. */
    static int lane(String topic, int lanes) {
        if (topic == null) {
            return 0;
        }
        int end = topic.lastIndexOf('/');
        int hash = 0;
        for (int i = 0; i < (end < 0 ? topic.length() : end); i++) {
            hash = 31 * hash + topic.charAt(i);
        }
        return Math.floorMod(hash, lanes);
    }

    @Override
    protected void doStart() {
        if (lanes == 0) {
            return;
        }
        ExecutorService[] started = new ExecutorService[lanes];
        for (int i = 0; i < lanes; i++) {
            String name = "skaben-ingress-lane-" + (i + 1);
            started[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                    task -> {
                        Thread thread = new Thread(task, name);
                        thread.setDaemon(true);
                        return thread;
                    }, IngressLanes::waitForRoom);
        }
        executors = started;
    }

    /** A full lane: the handing thread (the MQTT client's) waits until the lane has room. */
    private static void waitForRoom(Runnable task, ThreadPoolExecutor lane) {
        if (lane.isShutdown()) {
            throw new RejectedExecutionException("the ingress lanes are stopped");
        }
        try {
            lane.getQueue().put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while waiting for an ingress lane", e);
        }
    }

    @Override
    protected void doStop() {
        ExecutorService[] running = executors;
        executors = null;
        if (running != null) {
            // what is queued still runs: the route's stop waits for its exchanges in flight
            for (ExecutorService lane : running) {
                lane.shutdown();
            }
        }
    }
}
