package org.skaben.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.SynchronizationAdapter;
import org.skaben.Headers;
import org.skaben.protocol.PacketRefused;
import org.skaben.protocol.TopicParser;

/**
 * Packets in and out, by command: {@code skaben_packets_in_total} for every device packet the ingress route
 * receives, {@code skaben_packets_out_total} for every packet the egress route publishes. The command tag
 * only takes values from small sets, whatever a device puts in its topic: a command is a tag of its own only
 * once the ingress route's choice has taken it (which commands exist is decided there, in YAML, not here).
 * The ingress route counts each packet once: {@link #unreadable} before its topic is split, then
 * {@link #received} or {@link #unrouted} where its choice takes or refuses the command.
 * {@code skaben_packets_handled_total} counts, by command, the received packets whose handling has finished (their
 * exchange completed, stored or refused, and the broker acknowledged): received minus handled is what is in flight.
 */
public class PacketCounts {

    /** The command tag of a packet whose topic is not {@code ask/<type>/<uid>/<command>}. */
    public static final String INVALID = "invalid";
    /** The command tag of a command no ingress route takes, and of an outgoing topic of no known command. */
    public static final String OTHER = "other";
    /** What the server itself sends; a replayed dead letter goes out again on the device command it came in on. */
    private static final Set<String> SERVER_COMMANDS = Set.of("ping", "cup");

    private final MeterRegistry registry;
    private final Map<String, Counter> in = new ConcurrentHashMap<>();
    private final Map<String, Counter> out = new ConcurrentHashMap<>();
    // one completion per command, shared by that command's exchanges (it only counts): none made per packet
    private final Map<String, Synchronization> handled = new ConcurrentHashMap<>();

    public PacketCounts(MeterRegistry registry) {
        this.registry = registry;
        // these start at 0, so a rate shows from the first packet on (a command's own, from its first packet)
        in(INVALID);
        in(OTHER);
        SERVER_COMMANDS.forEach(this::out);
    }

    /** A device packet whose topic cannot be read (it is refused). */
    public void unreadable() {
        in(INVALID).increment();
    }

    /**
     * A device packet whose command the ingress choice took for one of its routes; counted as handled when its
     * exchange completes.
     */
    public void received(@Header(Headers.COMMAND) String command, Exchange exchange) {
        in(command).increment();
        exchange.getExchangeExtension().addOnCompletion(handled(command));
    }

    /** {@link #received(String, Exchange)} of the exchange's command header, as the ingress step that counts. */
    public void received(Exchange exchange) {
        received(exchange.getMessage().getHeader(Headers.COMMAND, String.class), exchange);
    }

    /** A device packet whose command no ingress route takes (it is refused). */
    public void unrouted() {
        in(OTHER).increment();
    }

    /** The server published a packet to this topic. */
    public void published(@Header("CamelPahoMqtt5OverrideTopic") String topic) {
        out(outCommand(topic)).increment();
    }

    /** Its own command for what the server sends and for a command some device packet came in on, else other. */
    String outCommand(String topic) {
        String command = topic == null ? "" : topic.substring(topic.lastIndexOf('/') + 1);
        boolean deviceCommand = in.containsKey(command) && !INVALID.equals(command) && !OTHER.equals(command);
        return SERVER_COMMANDS.contains(command) || deviceCommand ? command : OTHER;
    }

    private Counter in(String command) {
        return in.computeIfAbsent(command, c -> Counter.builder("skaben.packets.in")
                .description("Device packets received, by command").tag("command", c).register(registry));
    }

    private Synchronization handled(String command) {
        return handled.computeIfAbsent(command, c -> {
            Counter done = Counter.builder("skaben.packets.handled")
                    .description("Device packets whose handling finished, by command").tag("command", c)
                    .register(registry);
            return new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange completed) {
                    done.increment();
                }
            };
        });
    }

    private Counter out(String command) {
        return out.computeIfAbsent(command, c -> Counter.builder("skaben.packets.out")
                .description("Packets published to devices, by command").tag("command", c).register(registry));
    }
}
