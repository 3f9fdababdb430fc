package org.skaben.device;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.skaben.Headers;
import org.skaben.protocol.Packet;

/**
 * The ingress step that admits a packet's device ({@link DeviceRegistry#admit}): header skabenAdmission becomes
 * known, registered or broadcast, or the packet is refused. A processor rather than a bean expression, which
 * would copy every packet's exchange.
 */
public class AdmitDevice implements Processor {

    private final DeviceRegistry registry;

    public AdmitDevice(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setHeader(Headers.ADMISSION, registry.admit(exchange.getMessage().getBody(Packet.class)));
    }
}
