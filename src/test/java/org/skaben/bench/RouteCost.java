package org.skaben.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.main.Main;
import org.apache.camel.support.DefaultExchange;

/**
 * What each kind of packet costs the server itself, without a broker in the way: the server runs in this
 * JVM (embedded broker, HSQLDB file database, all rules on) and each packet is handed straight to the
 * ingress route, as its MQTT consumer would. Per packet it prints the time the ingress thread spends (what
 * bounds the packets a second one consumer takes), the time until the queues behind it (rules, egress) are
 * drained too, and the CPU time of the whole process (every thread: rules, publishing, the broker delivering
 * CUPs, the JIT). Rounds repeat so that the JIT's warming shows; the last rounds are the steady state.
 *
 * <pre>mvn -B -DskipTests package exec:java -Dbench.main=org.skaben.bench.RouteCost [-Dcost.rounds=8 -Dcost.packets=4000 -Dcost.db-url=...]</pre>
 */
public final class RouteCost {

    private static final int ROUNDS = Integer.getInteger("cost.rounds", 8);
    private static final int PACKETS = Integer.getInteger("cost.packets", 4000);
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CamelContext camel;
    private AsyncProcessor ingress;

    public static void main(String[] args) throws Exception {
        new RouteCost().run();
        System.exit(0);
    }

    private void run() throws Exception {
        String dbUrl = System.getProperty("cost.db-url");
        Main main = BenchServer.startInProcess("cost", BenchServer.freePort(),
                dbUrl == null ? Map.of() : Map.of("skaben.db.url", dbUrl));
        camel = main.getCamelContext();
        ingress = (AsyncProcessor) camel.getRoute("mqtt-ingress").getConsumer().getProcessor();
        String lock = "ask/lock/c0ffee000001/";
        // registers the lock (white is current) and gives it its first CUP
        cost(lock + "cup", i -> "{\"timestamp\": 0}", 1);
        System.out.printf("SKABEN route cost: %d packets of each kind per round, straight into the ingress route%n"
                + "(ingress = the ingress thread's time, drained = until rules and egress are done too, "
                + "cpu = the whole process's CPU), microseconds per packet%n%n", PACKETS);
        System.out.printf("%-6s %-22s %-22s %-22s %-22s%n", "round", "PONG", "PONG -> CUP", "SUP", "INFO (card at a lock)");
        for (int round = 1; round <= ROUNDS; round++) {
            long now = System.currentTimeMillis() / 1000;
            String tag = Long.toHexString(System.nanoTime());
            System.out.printf("%-6d %-22s %-22s %-22s %-22s%n", round,
                    cost(lock + "pong", i -> "{\"timestamp\": " + (now - 5) + "}", PACKETS * 5),
                    cost(lock + "pong", i -> "{\"timestamp\": " + (now - 600) + "}", PACKETS / 2),
                    cost(lock + "sup", i -> "{\"timestamp\": " + now + ", \"task_id\": \"s" + tag + "x" + i
                            + "\", \"datahold\": {\"closed\": " + (i % 2 == 0) + "}}", PACKETS),
                    cost(lock + "info", i -> "{\"timestamp\": " + now + ", \"task_id\": \"i" + tag + "x" + i
                            + "\", \"datahold\": {\"type\": \"access\", \"content\": \"" + (100000 + i)
                            + "\", \"success\": true}}", PACKETS));
        }
        main.stop();
    }

    /** "ingress / drained / cpu" in microseconds per packet. */
    private String cost(String topic, IntFunction<String> payload, int packets) throws Exception {
        long cpu0 = OS.getProcessCpuTime();
        CountDownLatch completed = new CountDownLatch(packets);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < packets; i++) {
            Exchange exchange = new DefaultExchange(camel);
            // as the MQTT consumer does: the exchange is the ingress route's, and the thread goes on to the next
            // packet when the route lets it (a journaled packet finishes later, on the continuation thread)
            exchange.getExchangeExtension().setFromRouteId("mqtt-ingress");
            exchange.getMessage().setHeader("CamelMqttTopic", topic);
            exchange.getMessage().setBody(payload.apply(i).getBytes(StandardCharsets.UTF_8));
            ingress.process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    failure.compareAndSet(null, exchange.getException());
                }
                completed.countDown();
            });
        }
        long t1 = System.nanoTime();
        completed.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        for (var endpoint : camel.getEndpoints()) {
            if (endpoint instanceof SedaEndpoint seda) {
                while (seda.getCurrentQueueSize() > 0) {
                    Thread.sleep(1);
                }
            }
        }
        long t2 = System.nanoTime();
        long cpu = OS.getProcessCpuTime() - cpu0;
        return String.format("%5d / %5d / %5d", (t1 - t0) / packets / 1000, (t2 - t0) / packets / 1000,
                cpu / packets / 1000);
    }
}
