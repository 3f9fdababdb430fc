package org.skaben.cup;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.skaben.Headers;

/**
 * The cup-push step that builds a device's CUP (see {@link CupBuilder}) from the {@link CupRequest} in the body.
 * The body becomes the {@link OutgoingCup} (empty when nothing is to be sent), its task id and topic go to
 * skabenTaskId and CamelPahoMqtt5OverrideTopic, the request's type, uid, source and reason to the headers
 * the journal entry of the CUP is written from. One processor
 * instead of bean expressions: this runs for every CUP, and a stale PONG waits for it.
 */
public class BuildCup implements Processor {

    private final CupBuilder builder;

    public BuildCup(CupBuilder builder) {
        this.builder = builder;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        CupRequest request = message.getMandatoryBody(CupRequest.class);
        message.setHeader(Headers.TYPE, request.type());
        message.setHeader(Headers.UID, request.uid());
        message.setHeader(Headers.SOURCE, request.source());
        message.setHeader(Headers.CUP_REASON, request.reason());
        OutgoingCup cup = builder.build(request.type(), request.uid(), request.manual(), request.overwrite());
        message.setBody(cup);
        if (cup != null) {
            message.setHeader(Headers.TASK_ID, cup.taskId());
            message.setHeader("CamelPahoMqtt5OverrideTopic", cup.topic());
        }
    }
}
