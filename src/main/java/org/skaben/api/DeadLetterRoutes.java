package org.skaben.api;

import java.util.Map;
import org.apache.camel.model.rest.RestDefinition;
import org.skaben.Headers;

/** /api/dead-letters: device packets the server could not handle, to read and to send through again. */
public class DeadLetterRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api/dead-letters", "dead letters");
        query(rest.get().routeId("rest-dead-letters").description("the dead letters, newest first")
                .outType(Map[].class), "limit", "integer", "how many, 1..1000 (100)").to("direct:api-dead-letters");
        path(rest.post("/{id}/replay").routeId("rest-dead-letter-replay")
                .description("publishes the letter's packet again, as the device sent it")
                .outType(DeadLetterApi.Replayed.class), "id", "the dead letter's id")
                .to("direct:api-dead-letter-replay");

        from("direct:api-dead-letters").routeId("api-dead-letters")
                .setBody(method("deadLetterApi", "list(${header.limit})"));
        // a replay publishes the packet again, so it takes the whole way a device packet takes
        from("direct:api-dead-letter-replay").routeId("api-dead-letter-replay")
                .setBody(method("deadLetterApi", "replay(${header.id})"))
                .setHeader("CamelPahoMqtt5OverrideTopic", simple("${body.topic()}"))
                .setBody(simple("${body.payload()}"))
                .to("direct:mqtt-egress")
                .setHeader(Headers.KIND, constant("replay"))
                .setHeader(Headers.DETAIL, simple("dead letter ${header.id} replayed to ${header.CamelPahoMqtt5OverrideTopic}"))
                .to("direct:journal")
                .setBody(e -> new DeadLetterApi.Replayed(e.getMessage().getHeader("id", String.class),
                        e.getMessage().getHeader("CamelPahoMqtt5OverrideTopic", String.class)));
    }
}
