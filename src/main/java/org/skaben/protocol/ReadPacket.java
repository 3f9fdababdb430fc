package org.skaben.protocol;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The ingress step that turns an MQTT message into a {@link Packet} (see {@link PacketReader}) and names its
 * parts in headers (skabenType, skabenUid, skabenCommand, skabenTaskId) for the routes to route on. One small
 * processor instead of several bean expressions: this runs for every packet.
 */
public class ReadPacket implements Processor {

    private final PacketReader reader;

    public ReadPacket(PacketReader reader) {
        this.reader = reader;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String rawTopic = message.getHeader("CamelMqttTopic", String.class);
        // the topic first: a packet whose body is refused is still journaled under its device
        Topic topic = TopicParser.parse(rawTopic);
        message.setHeader("skabenType", topic.type());
        message.setHeader("skabenUid", topic.uid());
        message.setHeader("skabenCommand", topic.command());
        Packet packet = reader.read(rawTopic, topic, message.getBody(byte[].class));
        message.setBody(packet);
        message.setHeader("skabenTaskId", packet.taskId());
    }
}
