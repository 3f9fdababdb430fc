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
        Packet packet = reader.read(message.getHeader("CamelMqttTopic", String.class), message.getBody(byte[].class));
        message.setBody(packet);
        message.setHeader("skabenType", packet.type());
        message.setHeader("skabenUid", packet.uid());
        message.setHeader("skabenCommand", packet.command());
        message.setHeader("skabenTaskId", packet.taskId());
    }
}
