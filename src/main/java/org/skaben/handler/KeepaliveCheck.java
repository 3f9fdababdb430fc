package org.skaben.handler;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.skaben.Headers;
import org.skaben.cup.ConfigComposer;
import org.skaben.device.Device;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.KeepalivePolicy;
import org.skaben.protocol.Packet;
import org.skaben.protocol.ServerClock;

/** PONG: does this device need its config again? Sets header skabenCupReason to the reason, or removes it. */
public class KeepaliveCheck implements Processor {

    private final DeviceRegistry registry;
    private final KeepalivePolicy policy;
    private final ServerClock clock;
    private final ConfigComposer composer;

    public KeepaliveCheck(DeviceRegistry registry, ConfigComposer composer, KeepalivePolicy policy, ServerClock clock) {
        this.registry = registry;
        this.composer = composer;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(Headers.CUP_REASON, check(message.getBody(Packet.class)));
    }

    /** The reason for a CUP, or null. */
    public String check(Packet pong) {
        Device device = registry.require(pong.uid());
        return policy.cupReason(clock.nowSeconds(), pong.timestamp(), pong.hash(), composer.hash(device));
    }
}
