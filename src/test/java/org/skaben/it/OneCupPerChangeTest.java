package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;

/**
 * A state change sends each device one CUP, already holding what the rules on entering that state decided
 * (issue 11.4). The witness is a sync asked for afterwards: the CUPs up to the sync's own must be exactly the
 * state change's and the sync's, so a second CUP from the state change fails the test.
 */
class OneCupPerChangeTest extends SkabenAppTestSupport {

    private TestDevice registered(String type) throws Exception {
        setState("white");
        TestDevice d = device(type, newUid());
        d.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        d.await("cup");
        return d;
    }

    /**
     * The CUPs each device got from {@code change} until the CUP of a sync asked for after it. Devices are
     * drained the same way first, so nothing from before the change is counted.
     */
    private List<List<Map<String, Object>>> cupsOf(ThrowingRunnable change, TestDevice... devices) throws Exception {
        syncAll(devices);
        change.run();
        return syncAll(devices);
    }

    private List<List<Map<String, Object>>> syncAll(TestDevice... devices) throws Exception {
        List<List<Map<String, Object>>> all = new java.util.ArrayList<>();
        for (TestDevice device : devices) {
            var sync = http("POST", "/api/devices/" + device.uid() + "/sync", null);
            assertEquals(200, sync.statusCode(), sync.body());
            all.add(device.cupsUpTo(String.valueOf(Json.readObject(sync.body()).get("task_id"))));
        }
        return all;
    }

    private static Map<String, Object> lock(String alert, boolean closed, boolean blocked) {
        return TestDevice.lockConfig(alert, closed, blocked, 10, Map.of());
    }

    private static Map<String, Object> terminal(String alert, boolean powered, boolean blocked) {
        return Map.of("alert", alert, "override", false, "powered", powered, "blocked", blocked, "hacked", false);
    }

    @Test
    void enteringBlackSendsEachLockAndTerminalOneCupWithTheRulesChange() throws Exception {
        TestDevice lock = registered("lock");
        TestDevice term = registered("terminal");
        cupsOf(() -> setState("green"), lock, term);
        assertEquals(List.of(List.of(lock("7", true, true), lock("7", true, true)),
                        List.of(terminal("7", false, false), terminal("7", false, false))),
                cupsOf(() -> setState("black"), lock, term));
    }

    @Test
    void enteringWhiteAndBlueSendOneCupEach() throws Exception {
        TestDevice lock = registered("lock");
        TestDevice term = registered("terminal");
        cupsOf(() -> setState("black"), lock, term);
        assertEquals(List.of(List.of(lock("1", false, false), lock("1", false, false)),
                        List.of(terminal("1", true, false), terminal("1", true, false))),
                cupsOf(() -> setState("white"), lock, term));
        assertEquals(List.of(List.of(lock("2", false, false), lock("2", false, false)),
                        List.of(terminal("2", false, true), terminal("2", false, true))),
                cupsOf(() -> setState("blue"), lock, term));
    }

    @Test
    void aSwitchedOffRuleDoesNotHoldTheBroadcastBack() throws Exception {
        TestDevice lock = registered("lock");
        // registered in white with its type's defaults: closed, not blocked
        context.getRouteController().stopRoute("entering-black");
        try {
            // entering-white and entering-blue still listen; the broadcast waits for them only
            assertEquals(List.of(List.of(lock("7", true, false), lock("7", true, false))),
                    cupsOf(() -> setState("black"), lock));
            for (String rule : List.of("entering-white", "entering-blue")) {
                context.getRouteController().stopRoute(rule);
            }
            // nobody listens: the state change is broadcast at once
            assertEquals(List.of(List.of(lock("6", true, false), lock("6", true, false))),
                    cupsOf(() -> setState("red"), lock));
        } finally {
            for (String rule : List.of("entering-white", "entering-blue", "entering-black")) {
                context.getRouteController().startRoute(rule);
            }
        }
        assertTrue(db().queryForList("SELECT detail FROM event WHERE kind = 'rule' AND source = 'server'", String.class)
                .stream().noneMatch(d -> d.contains("took longer")), "no rule timed out");
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
