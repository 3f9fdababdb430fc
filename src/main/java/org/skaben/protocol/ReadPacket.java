package org.skaben.protocol;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.skaben.Headers;

/**
 * The ingress steps that turn an MQTT message into a {@link Packet} (see {@link PacketReader}), in two: first
 * the topic, whose parts are named in headers (skabenType, skabenUid, skabenCommand) for the ingress choice to
 * route on, then, once a route takes the command, the body (skabenTaskId). Each is a processor of its own in the
 * registry ({@code readTopic}, {@code readBody}): the steps every packet takes cost a method call, not a bean
 * invocation's parameter binding.
 */
public class ReadPacket {

    private final PacketReader reader;
    private final Runnable unreadable;

    public ReadPacket(PacketReader reader) {
        this(reader, () -> { });
    }

    /** {@code unreadable}: told of every topic that cannot be read (skaben_packets_in_total{command="invalid"}). */
    public ReadPacket(PacketReader reader, Runnable unreadable) {
        this.reader = reader;
        this.unreadable = unreadable;
    }

    /** Splits the topic; a topic that is not {@code ask/<type>/<uid>/<command>} is refused. */
    public void topic(Exchange exchange) {
        Message message = exchange.getMessage();
        Topic topic;
        try {
            topic = TopicParser.parse(message.getHeader("CamelMqttTopic", String.class));
        } catch (PacketRefused unparseable) {
            unreadable.run();
            throw unparseable;
        }
        message.setHeader(Headers.TYPE, topic.type());
        message.setHeader(Headers.UID, topic.uid());
        message.setHeader(Headers.COMMAND, topic.command());
    }

    /** Checks the JSON of a packet whose topic {@link #topic} has split: the body becomes the {@link Packet}. */
    public void body(Exchange exchange) {
        Message message = exchange.getMessage();
        Topic topic = new Topic(message.getHeader(Headers.TYPE, String.class),
                message.getHeader(Headers.UID, String.class), message.getHeader(Headers.COMMAND, String.class));
        Packet packet = reader.read(message.getHeader("CamelMqttTopic", String.class), topic,
                message.getBody(byte[].class));
        message.setBody(packet);
        message.setHeader(Headers.TASK_ID, packet.taskId());
    }
}
