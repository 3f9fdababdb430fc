package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.EndpointInject;
import org.apache.camel.Message;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.device.Device;
import org.skaben.device.Liveness;

/**
 * routes/liveness.camel.yaml: each tick journals the devices that went offline or came back, as the server's;
 * a change is the device's state only once its row is stored, so one whose row failed is journaled next tick.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = "camel.main.routes-include-pattern="
                + "file:routes/error-policy.camel.yaml,file:routes/liveness.camel.yaml",
        mockEndpointsAndSkip = "direct:journal")
@RoutesTested("liveness")
class LivenessRouteTest extends RouteTestSupport {

    private static final long T0 = 1_700_000_000_000L;
    private static final String LOCK = "aaaaaaaaaaaa";
    private static final String TERMINAL = "bbbbbbbbbbbb";

    /** Server time, moved by the test: the server started at T0 and it is now 61 s later. */
    private final AtomicLong clock = new AtomicLong(T0);
    private final Map<String, Long> heard = new ConcurrentHashMap<>(Map.of(LOCK, T0, TERMINAL, T0 - 600_000));

    /**
     * The previous run heard the lock last (online) and the terminal ten minutes before (offline); neither
     * was heard since, and the keepalive timeout is 60 s.
     */
    @ReplaceInRegistry
    Liveness liveness = startedAtT0();

    private Liveness startedAtT0() {
        Liveness started = new Liveness(60_000, clock::get, () -> List.of(
                new Device(LOCK, "lock", Map.of(), Map.of(), "", T0, false, 0),
                new Device(TERMINAL, "terminal", Map.of(), Map.of(), "", T0 - 600_000, false, 0)), heard::get);
        clock.set(T0 + 61_000);
        return started;
    }

    @EndpointInject("mock:direct:journal")
    MockEndpoint journal;

    @Test
    void aDeviceGoneSilentAndOneBackAreJournaledOnceEachAndAFailedRowComesAgain() throws Exception {
        // the first row is not stored (the database away): the lock's change is proposed again
        journal.whenExchangeReceived(1, failed -> failed.setException(new IllegalStateException("database away")));
        journal.expectedMessageCount(2);
        journal.assertIsSatisfied();
        for (int i = 0; i < 2; i++) {
            Message row = journal.getExchanges().get(i).getMessage();
            assertEquals("offline", row.getHeader("skabenKind"));
            assertEquals("server", row.getHeader("skabenSource"));
            assertEquals("lock", row.getHeader("skabenType"));
            assertEquals(LOCK, row.getHeader("skabenUid"));
            assertEquals("no PONG for 61 s (timeout 60 s)", row.getHeader("skabenDetail"));
        }

        // the terminal answers: its row comes next, and no third row for the lock before it (it was stored)
        journal.reset();
        journal.expectedMessageCount(1);
        heard.put(TERMINAL, T0 + 61_000);
        journal.assertIsSatisfied();
        Message back = journal.getExchanges().get(0).getMessage();
        assertEquals("online", back.getHeader("skabenKind"));
        assertEquals(TERMINAL, back.getHeader("skabenUid"));
        assertEquals("terminal", back.getHeader("skabenType"));
        assertEquals("back after 11 min", back.getHeader("skabenDetail"));
    }
}
