package org.skaben.protocol;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.skaben.Headers;

/**
 * The ingress steps that turn an MQTT message into a {@link Packet} (see {@link PacketReader}), in two: first
 * the topic, whose parts are named in headers (skabenType, skabenUid, skabenCommand) for the ingress choice to
 * route on, then, once a route takes the command, the body (skabenTaskId). Steps on the exchange rather than
 * bean expressions, which would copy every packet's exchange.
 */
public class ReadPacket {

    private final PacketReader reader;

    public ReadPacket(PacketReader reader) {
        this.reader = reader;
    }

    /** Splits the topic; a topic that is not {@code ask/<type>/<uid>/<command>} is refused. */
    public void topic(Exchange exchange) {
        Message message = exchange.getMessage();
        Topic topic = TopicParser.parse(message.getHeader("CamelMqttTopic", String.class));
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
