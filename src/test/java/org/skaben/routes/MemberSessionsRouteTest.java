package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.cluster.InstanceId;
import org.skaben.cluster.MemberLease;
import org.skaben.cluster.SessionDrain;

/**
 * routes/member-sessions.camel.yaml: started with the cluster on only; each tick, the session of every instance
 * whose membership lease expired is drained, one after the other.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = {RouteTestSupport.ROUTES + "member-sessions.camel.yaml", "skaben.cluster.member-check-millis=50"})
@RoutesTested("dead-member-sessions")
class MemberSessionsRouteTest extends RouteTestSupport {

    private final AtomicInteger checks = new AtomicInteger();
    // three checks done: the witness that the first one's drains are all there is
    private final CountDownLatch threeChecks = new CountDownLatch(3);
    private final List<String> drained = new CopyOnWriteArrayList<>();

    /** Two instances found dead at the first check, none after (drained, their memberships are gone). */
    @ReplaceInRegistry
    MemberLease memberLeases = new MemberLease(null, new InstanceId("node-a"), null) {
        @Override
        public List<String> expired() {
            threeChecks.countDown();
            return checks.getAndIncrement() == 0 ? List.of("node-b", "node-c") : List.of();
        }
    };

    @ReplaceInRegistry
    SessionDrain sessionDrain = new SessionDrain(null, "skaben-server", "$share/skaben/ask/#", 0, null, null, null,
            null) {
        @Override
        public Drained drain(String instance) {
            drained.add(instance);
            return new Drained(instance, true, 0, 0, false);
        }
    };

    @Test
    void aloneItDoesNotRunAndInAClusterEachDeadInstanceIsDrainedOnce() throws Exception {
        // skaben.cluster.enabled is false in the settings: not started
        assertFalse(context.getRouteController().getRouteStatus("dead-member-sessions").isStarted());
        assertEquals(0, checks.get());
        context.getRouteController().startRoute("dead-member-sessions");
        assertTrue(threeChecks.await(10, TimeUnit.SECONDS), "three checks");
        assertEquals(List.of("node-b", "node-c"), drained);
    }
}
