package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;
import org.skaben.protocol.PacketRefused;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * routes/error-policy.camel.yaml, through the probe routes of src/test/resources/routes/error-policy-probes.camel.yaml
 * (one per combination the routes use): what each failure leads to, and how often the step is tried.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = "camel.main.routes-include-pattern=file:routes/error-policy.camel.yaml,"
                + "classpath:routes/error-policy-probes.camel.yaml",
        mockEndpointsAndSkip = "direct:(journal|dead-letter)")
@RoutesTested({"refusals", "waits", "retries", "publishing", "dead-letters", "rules", "propagate", "best-effort"})
class ErrorPolicyTest extends RouteTestSupport {

    /** Throws the failures a test queued, one a call, then lets the exchange go on. */
    public static class Failing implements Processor, RouteFakes.Fake {
        final Queue<Exception> failures = new ConcurrentLinkedQueue<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void process(Exchange exchange) throws Exception {
            calls.incrementAndGet();
            Exception failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void reset() {
            failures.clear();
            calls.set(0);
        }
    }

    @ReplaceInRegistry
    Failing failing = new Failing();

    /** Sends a packet through the probe route of this kind of route, its step failing with these in turn. */
    private Exchange probe(String kind, Exception... failures) {
        failing.failures.addAll(List.of(failures));
        return send("direct:" + kind, "{}", device("lock", "aabbccddeeff", "sup",
                "CamelPahoMqtt5OverrideTopic", "lock/all/ping"));
    }

    private void assertTriedAndDone(int tries, int done) {
        assertEquals(tries, failing.calls.get(), "tries");
        assertEquals(done, mock("done").getReceivedCounter(), "mock:done received");
    }

    @Test
    void aRefusalIsJournaledAndCountedNeverRetried() {
        for (String kind : List.of("ingress", "packet", "pong")) {
            startAfresh();
            assertHandled(probe(kind, new PacketRefused("timestamp is missing")));
            journaled("refused", "timestamp is missing");
            assertEquals(1, counted("skaben.refusals", "reason", "timestamp"), kind);
            assertTriedAndDone(1, 0);
            assertReachedNone(mock("direct:dead-letter"));
        }
    }

    @Test
    void aRepeatedRefusalIsOnlyCounted() {
        probe("packet", new PacketRefused("device aabbccddeeff is not registered", true));
        probe("packet", new PacketRefused("timestamp is missing"));
        journaled("refused", "timestamp is missing");
        assertEquals(1, counted("skaben.refusals", "reason", "unregistered"));
    }

    @Test
    void aDatabaseOrBrokerAwayForAMomentIsWaitedFor() {
        for (String kind : List.of("packet", "publish", "rule")) {
            startAfresh();
            assertHandled(probe(kind, new DataAccessResourceFailureException("pool"),
                    new SQLTransientConnectionException("timeout"), new MqttException(32104),
                    new MqttException(32109), new DataAccessResourceFailureException("pool")));
            assertTriedAndDone(6, 1);
            assertReachedNone(mock("direct:journal"), mock("direct:dead-letter"));
        }
    }

    @Test
    void aPacketFailingOtherwiseIsRetriedThenDeadLettered() {
        MqttException refusedByBroker = new MqttException(135);
        assertHandled(probe("packet", refusedByBroker, refusedByBroker, refusedByBroker, refusedByBroker));
        assertTriedAndDone(4, 0);
        assertSame(refusedByBroker, only(mock("direct:dead-letter")).getExchange()
                .getProperty(Exchange.EXCEPTION_CAUGHT));
    }

    @Test
    void aPacketFailingAtIngressIsDeadLetteredAtOnce() {
        assertHandled(probe("ingress", new IllegalStateException("bug")));
        assertTriedAndDone(1, 0);
        only(mock("direct:dead-letter"));
    }

    @Test
    void aPacketThatCannotBePublishedIsJournaledAsTheServersError() {
        assertHandled(probe("publish", new IllegalStateException("too large")));
        assertHeaders(journaled("error", "not published to lock/all/ping: too large"), Headers.SOURCE, "server");
        assertTriedAndDone(1, 0);
    }

    @Test
    void aFailingRuleIsJournaledUnderItsName() {
        assertHandled(probe("rule", new IllegalStateException("no such device")));
        assertHeaders(journaled("error", "rule probe-rule failed: no such device"), Headers.SOURCE, "probe-rule");
        assertTriedAndDone(1, 0);
    }

    @Test
    void aTimerOrPongFailingOtherwiseIsOnlyLogged() {
        for (String kind : List.of("timer", "pong")) {
            startAfresh();
            assertHandled(probe(kind, new IllegalStateException("database away")));
            assertTriedAndDone(1, 0);
            assertReachedNone(mock("direct:journal"), mock("direct:dead-letter"));
        }
    }

    @Test
    void aSubRouteLeavesEveryErrorToItsCaller() {
        IllegalStateException failure = new IllegalStateException("bug");
        assertSame(failure, probe("sub-route", failure).getException());
        assertTriedAndDone(1, 0);
        assertReachedNone(mock("direct:journal"), mock("direct:dead-letter"));
    }
}
