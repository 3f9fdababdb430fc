package org.skaben.cup;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The cup-push step that builds a device's CUP (see {@link CupBuilder}) from the headers skabenType, skabenUid,
 * skabenCupManual and skabenOverwrite. The body becomes the {@link OutgoingCup} (empty when nothing is to be
 * sent), its task id and topic go to skabenTaskId and CamelPahoMqtt5OverrideTopic. One processor instead of
 * bean expressions: this runs for every CUP, and a stale PONG waits for it.
 */
public class BuildCup implements Processor {

    private final CupBuilder builder;

    public BuildCup(CupBuilder builder) {
        this.builder = builder;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        OutgoingCup cup = builder.build(message.getHeader("skabenType", String.class),
                message.getHeader("skabenUid", String.class), message.getHeader("skabenCupManual", Boolean.class),
                message.getHeader("skabenOverwrite", Boolean.class));
        message.setBody(cup);
        if (cup != null) {
            message.setHeader("skabenTaskId", cup.taskId());
            message.setHeader("CamelPahoMqtt5OverrideTopic", cup.topic());
        }
    }
}
