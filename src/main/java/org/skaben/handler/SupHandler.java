package org.skaben.handler;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.Json;
import org.skaben.device.SupValidator;
import org.skaben.protocol.Packet;

/**
 * SUP: validate the changed fields and merge them into the device's reported state and config. As a route
 * step it leaves the accepted fields in variable {@code event} (for the rules) and, as JSON, in header
 * skabenDetail (for the journal).
 */
public class SupHandler implements Processor {

    private final DeviceRegistry registry;

    public SupHandler(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, Object> accepted = apply(exchange.getMessage().getBody(Packet.class));
        exchange.setVariable("event", accepted);
        exchange.getMessage().setHeader("skabenDetail", Json.write(accepted));
    }

    /** Applies the SUP and returns the accepted fields, for the journal and the rules. */
    public Map<String, Object> apply(Packet sup) {
        Map<String, Object> accepted = SupValidator.validate(registry.requireType(sup.type()), sup.datahold());
        registry.applyReported(sup.uid(), accepted);
        return accepted;
    }
}
