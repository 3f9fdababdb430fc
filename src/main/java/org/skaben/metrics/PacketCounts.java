package org.skaben.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Header;
import org.skaben.protocol.PacketRefused;
import org.skaben.protocol.TopicParser;

/**
 * Packets in and out, by command: {@code skaben_packets_in_total} for every device packet the ingress route
 * receives, {@code skaben_packets_out_total} for every packet the egress route publishes. The command tag
 * only takes values from fixed sets, whatever a device puts in its topic.
 */
public class PacketCounts {

    /** The command tag of a packet whose topic is not {@code ask/<type>/<uid>/<command>}. */
    public static final String INVALID = "invalid";
    /** The command tag of an outgoing topic that ends in none of the known commands. */
    public static final String OTHER = "other";
    /** What the server itself sends; a replayed dead letter goes out again on the device command it came in on. */
    private static final Set<String> SERVER_COMMANDS = Set.of("ping", "cup");

    private final MeterRegistry registry;
    private final Map<String, Counter> in = new ConcurrentHashMap<>();
    private final Map<String, Counter> out = new ConcurrentHashMap<>();

    public PacketCounts(MeterRegistry registry) {
        this.registry = registry;
        // every known command starts at 0, so a rate shows from the first packet on
        TopicParser.DEVICE_COMMANDS.forEach(this::in);
        in(INVALID);
        SERVER_COMMANDS.forEach(this::out);
    }

    /** A device packet arrived on this topic. */
    public void received(@Header("CamelMqttTopic") String topic) {
        in(inCommand(topic)).increment();
    }

    /** The server published a packet to this topic. */
    public void published(@Header("CamelPahoMqtt5OverrideTopic") String topic) {
        out(outCommand(topic)).increment();
    }

    static String inCommand(String topic) {
        try {
            return TopicParser.parse(topic).command();
        } catch (PacketRefused unparseable) {
            // counted as invalid here; the ingress route refuses and journals it with its reason
            return INVALID;
        }
    }

    static String outCommand(String topic) {
        String command = topic == null ? "" : topic.substring(topic.lastIndexOf('/') + 1);
        return SERVER_COMMANDS.contains(command) || TopicParser.DEVICE_COMMANDS.contains(command) ? command : OTHER;
    }

    private Counter in(String command) {
        return in.computeIfAbsent(command, c -> Counter.builder("skaben.packets.in")
                .description("Device packets received, by command").tag("command", c).register(registry));
    }

    private Counter out(String command) {
        return out.computeIfAbsent(command, c -> Counter.builder("skaben.packets.out")
                .description("Packets published to devices, by command").tag("command", c).register(registry));
    }
}
