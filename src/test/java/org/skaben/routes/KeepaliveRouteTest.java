package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.cup.CupRequest;
import org.skaben.device.LastSeenTracker;
import org.skaben.handler.KeepaliveCheck;
import org.skaben.metrics.PongLag;
import org.skaben.protocol.Packet;
import org.skaben.protocol.PacketRefused;

/** routes/keepalive.camel.yaml: a PONG timed and answered with a CUP when it needs one; last-seen times written. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.ROUTES + "keepalive.camel.yaml",
        replaceRouteFromWith = "last-seen-flush=direct:last-seen-flush",
        mockEndpointsAndSkip = "direct:(cup-push|journal)|sql:.*")
@RoutesTested({"pong", "last-seen-flush"})
class KeepaliveRouteTest extends RouteTestSupport {

    /** The reason a test sets (null: none), or its failure; each PONG checked is kept. */
    public static class Check extends KeepaliveCheck implements RouteFakes.Fake {
        volatile String reason;
        volatile RuntimeException failure;

        public Check() {
            super(null, null, null, null);
        }

        @Override
        public String check(Packet pong) {
            if (failure != null) {
                throw failure;
            }
            return reason;
        }

        @Override
        public void reset() {
            reason = null;
            failure = null;
        }
    }

    /** Each PONG timed. */
    public static class Lags extends PongLag implements RouteFakes.Fake {
        final List<Packet> timed = new java.util.concurrent.CopyOnWriteArrayList<>();

        public Lags() {
            super(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), null);
        }

        @Override
        public void record(Packet pong) {
            timed.add(pong);
        }

        @Override
        public void reset() {
            timed.clear();
        }
    }

    @ReplaceInRegistry
    Check keepaliveCheck = new Check();
    @ReplaceInRegistry
    Lags pongLag = new Lags();
    @ReplaceInRegistry
    LastSeenTracker lastSeen = new LastSeenTracker();

    private final Packet pong = packet("lock", "aabbccddeeff", "pong", Map.of("timestamp", 1000, "hash", "h1"));

    private void pong() {
        assertHandled(send("direct:pong", pong, device("lock", "aabbccddeeff", "pong")));
    }

    @Test
    void aPongInStepIsTimedAndNeedsNoCup() {
        pong();
        assertEquals(List.of(pong), pongLag.timed);
        assertReachedNone(mock("direct:cup-push"), mock("direct:journal"));
    }

    @Test
    void aPongThatNeedsItsConfigGetsAnAutomaticCup() {
        keepaliveCheck.reason = "hash drift";
        pong();
        assertEquals(CupRequest.automatic("lock", "aabbccddeeff", "hash drift", "device"),
                only(mock("direct:cup-push")).getBody());
    }

    @Test
    void aRefusedPongIsJournaled() {
        keepaliveCheck.failure = new PacketRefused("device aabbccddeeff is not registered");
        pong();
        journaled("refused", "device aabbccddeeff is not registered");
        assertReachedNone(mock("direct:cup-push"));
    }

    @Test
    void anyOtherFailureIsOnlyLoggedTheNextPongDoesItAgain() {
        keepaliveCheck.failure = new IllegalStateException("database away");
        pong();
        assertReachedNone(mock("direct:cup-push"), mock("direct:journal"));
        keepaliveCheck.failure = null;
        keepaliveCheck.reason = "hash drift";
        pong();
        only(mock("direct:cup-push"));
    }

    @Test
    void theLastSeenTimesMarkedSinceTheLastTickAreWrittenInOneBatch() {
        lastSeen.mark("aabbccddeeff");
        send("direct:last-seen-flush", null, Map.of());
        send("direct:last-seen-flush", null, Map.of());
        List<?> rows = only(mock("sql:classpath:sql/device-last-seen.sql")).getBody(List.class);
        assertEquals("aabbccddeeff", ((Map<?, ?>) rows.get(0)).get("uid"));
        assertEquals(1, rows.size());
    }
}
