package org.skaben.handler;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.skaben.Headers;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.SupValidator;
import org.skaben.protocol.Packet;

/**
 * SUP: validate the changed fields and merge those the type allows into the device's reported state and
 * config. As a route step it leaves the accepted fields in variable {@code event} (for the rules) and, in
 * header skabenDetail, their JSON plus the names of the fields left out (for the journal: one row per SUP).
 */
public class SupHandler implements Processor {

    private final DeviceRegistry registry;

    public SupHandler(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) {
        SupValidator.Checked sup = apply(exchange.getMessage().getBody(Packet.class));
        exchange.setVariable("event", sup.accepted());
        exchange.getMessage().setHeader(Headers.DETAIL, sup.journalDetail());
    }

    /** Applies the SUP's allowed fields and returns what was applied and left out, for the journal and the rules. */
    public SupValidator.Checked apply(Packet sup) {
        SupValidator.Checked checked = SupValidator.validate(registry.requireType(sup.type()), sup.datahold());
        registry.applyReported(sup.uid(), checked.accepted());
        return checked;
    }
}
