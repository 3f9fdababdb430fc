package org.skaben.api;

import java.util.Map;
import org.apache.camel.model.rest.RestDefinition;
import org.skaben.Headers;

/**
 * /api/dead-letters: device packets the server could not handle (written by routes/journal.camel.yaml), read
 * and marked replayed by {@code sql:} steps (sql/dead-letter*.sql), and sent through again.
 */
public class DeadLetterRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api/dead-letters", "dead letters");
        serve(query(rest.get().outType(Map[].class), "limit", "integer", "how many, 1..1000 (100)"),
                "dead-letters", "the dead letters, newest first");
        serve(path(rest.post("/{id}/replay").outType(DeadLetterApi.Replayed.class), "id", "the dead letter's id"),
                "dead-letter-replay", "publishes the letter's packet again, as the device sent it");

        from("direct:api-dead-letters").routeId("api-dead-letters")
                .setVariable("limit", method("deadLetterApi", "limit(${header.limit})"))
                .to("sql:classpath:sql/dead-letters.sql")
                .setBody(method("deadLetterApi", "letters(${body})"));

        // a replay publishes the packet again, so it takes the whole way a device packet takes; the letter is
        // marked replayed first
        from("direct:api-dead-letter-replay").routeId("api-dead-letter-replay")
                .setVariable("id", method("deadLetterApi", "id(${header.id})"))
                .to("sql:classpath:sql/dead-letter.sql")
                .setBody(method("deadLetterApi", "replay(${header.id}, ${body})"))
                .to("sql:classpath:sql/dead-letter-replayed.sql?noop=true")
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
