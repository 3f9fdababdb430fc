package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;

/** Waits until a route has completed one more exchange. */
final class NotifyProbe {

    private final NotifyBuilder notify;

    NotifyProbe(CamelContext context, String routeId) {
        notify = new NotifyBuilder(context).fromRoute(routeId).whenCompleted(1).create();
    }

    void assertReached() {
        assertTrue(notify.matches(10, TimeUnit.SECONDS), "the event reached the rules' endpoint");
    }
}
