package org.skaben.handler;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.skaben.Headers;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.Json;
import org.skaben.protocol.Packet;
import org.skaben.protocol.PacketRefused;

/**
 * INFO: an event is a JSON object (a simple device may send a plain string). As a route step it leaves the
 * event in variable {@code event} (for the rules) and its JSON in header skabenDetail (for the journal).
 */
public class InfoReader implements Processor {

    private final DeviceRegistry registry;

    public InfoReader(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) {
        Packet info = exchange.getMessage().getBody(Packet.class);
        exchange.getMessage().setHeader(Headers.DETAIL, describe(info));
        exchange.setVariable("event", event(info));
    }

    /** The event as JSON, for the journal and the rules. */
    public String describe(Packet info) {
        Object event = info.datahold();
        if (event instanceof Map<?, ?> map && !map.isEmpty()) {
            return Json.write(event);
        }
        if (event instanceof String text && !text.isEmpty() && !registry.requireType(info.type()).smart()) {
            return Json.write(text);
        }
        throw new PacketRefused("INFO datahold must be a non-empty JSON object");
    }

    /** The event the rules get: the datahold object (or a simple device's string). */
    public Object event(Packet info) {
        return info.datahold();
    }
}
