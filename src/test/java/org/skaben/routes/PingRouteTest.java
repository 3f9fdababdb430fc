package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import org.apache.camel.Message;
import org.apache.camel.EndpointInject;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.cup.OutgoingMessage;
import org.skaben.cup.PingBuilder;

/** routes/ping.camel.yaml: every tick, one PING per active device type, queued for the egress route. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = {
            "camel.main.routes-include-pattern=file:routes/error-policy.camel.yaml,file:routes/ping.camel.yaml",
            "skaben.ping.interval-seconds=1"},
        mockEndpointsAndSkip = "direct:mqtt-egress")
@RoutesTested("ping")
class PingRouteTest extends RouteTestSupport {

    /** Two active types at server time 42, without a device registry or a clock behind them. */
    @ReplaceInRegistry
    PingBuilder pingBuilder = new PingBuilder(null, null) {
        @Override
        public List<OutgoingMessage> forActiveTypes() {
            return List.of(new OutgoingMessage("lock/all/ping", Map.of("timestamp", 42L)),
                    new OutgoingMessage("terminal/all/ping", Map.of("timestamp", 42L)));
        }
    };

    @EndpointInject("mock:direct:mqtt-egress")
    MockEndpoint egress;

    @Test
    void eachActiveTypeGetsItsPingWithTheServerTimeAndADeadline() throws Exception {
        egress.expectedMinimumMessageCount(2);
        egress.assertIsSatisfied();
        for (int i = 0; i < 2; i++) {
            Message ping = egress.getExchanges().get(i).getMessage();
            assertEquals(List.of("lock/all/ping", "terminal/all/ping").get(i),
                    ping.getHeader("CamelPahoMqtt5OverrideTopic"));
            assertEquals(Map.of("timestamp", 42L), ping.getBody());
            // a PING still queued past the next one is dropped by the egress route
            assertNotNull(ping.getHeader("skabenNotAfter"));
        }
    }
}
