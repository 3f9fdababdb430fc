package org.skaben.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** game.md section 2, on the seed states. */
class AlertMachineTest {

    static final List<AlertState> SEED = List.of(
            state(1, "white", false, -1, 0),
            state(2, "blue", false, -1, 1),
            state(3, "cyan", false, -1, 2),
            state(4, "green", true, 1, 3),
            state(5, "yellow", true, 500, 4),
            state(6, "red", true, 1000, 5),
            state(7, "black", false, -100, 6));

    static AlertState state(int id, String name, boolean inGame, int threshold, int order) {
        return new AlertState(id, name, inGame, threshold, order, 50, 10, "none", 0, 0);
    }

    private final AlertMachine machine = new AlertMachine(SEED);

    private AlertState s(String name) {
        return machine.require(name);
    }

    @Test
    void settingAStateResetsTheCounterToItsThresholdAndBroadcasts() {
        AlertChange change = machine.set(s("green"), 321, "yellow", "operator", "why");
        assertEquals("yellow", change.current().name());
        assertEquals(500, change.counterAfter());
        assertTrue(change.broadcast());
        AlertChange black = machine.set(s("red"), 1000, "black", "operator", null);
        assertEquals(-100, black.counterAfter());
        AlertChange again = machine.set(s("green"), 200, "green", "operator", null);
        assertTrue(again.broadcast(), "setting the current state again still resets and broadcasts");
        assertEquals(1, again.counterAfter());
    }

    @Test
    void aCounterInsideTheSameStateOnlyMovesTheScale() {
        AlertChange change = machine.counter(s("green"), 1, 499, "operator", null);
        assertEquals("green", change.current().name());
        assertFalse(change.broadcast());
        assertFalse(change.stateSwitched());
        assertEquals(499, change.counterAfter());
    }

    @Test
    void aCounterCrossingAThresholdSwitchesUpAndDown() {
        AlertChange up = machine.counter(s("green"), 450, 500, "rule", null);
        assertEquals("yellow", up.current().name());
        assertTrue(up.broadcast());
        AlertChange skip = machine.counter(s("green"), 450, 1000, "rule", null);
        assertEquals("red", skip.current().name());
        AlertChange down = machine.counter(s("red"), 1000, 999, "operator", null);
        assertEquals("yellow", down.current().name());
        assertEquals(999, down.counterAfter(), "the value stays where it was set, not at the threshold");
    }

    @Test
    void valuesBeyondTheRangesClamp() {
        AlertChange high = machine.counter(s("yellow"), 700, 5000, "operator", null);
        assertEquals(1000, high.counterAfter());
        assertEquals("red", high.current().name());
        AlertChange low = machine.counter(s("yellow"), 700, -40, "operator", null);
        assertEquals(1, low.counterAfter());
        assertEquals("green", low.current().name());
    }

    @Test
    void outOfGameStatesNeverSwitchByCounter() {
        for (String name : List.of("white", "blue", "cyan", "black")) {
            AlertChange change = machine.counter(s(name), -1, 750, "rule", null);
            assertEquals(name, change.current().name());
            assertFalse(change.broadcast());
            assertEquals(750, change.counterAfter(), "the value is recorded");
        }
    }

    @Test
    void driftIsOffByDefaultAndStaysInsideItsState() {
        assertTrue(machine.drift(s("green"), 100, 0, 1_000_000).isEmpty(), "off by default");
        List<AlertState> states = new ArrayList<>(SEED);
        states.set(3, new AlertState(4, "green", true, 1, 3, 50, 10, "increase", 30, 60));
        states.set(4, new AlertState(5, "yellow", true, 500, 4, 50, 10, "decrease", 30, 60));
        AlertMachine drifting = new AlertMachine(states);
        AlertState green = drifting.require("green");
        assertTrue(drifting.drift(green, 100, 0, 59_999).isEmpty(), "not before its timeout");
        AlertChange step = drifting.drift(green, 100, 0, 60_000).orElseThrow();
        assertEquals(130, step.counterAfter());
        assertEquals("schedule", step.source());
        assertEquals(499, drifting.drift(green, 480, 0, 60_000).orElseThrow().counterAfter(), "damped below yellow");
        assertTrue(drifting.drift(green, 499, 0, 60_000).isEmpty(), "at the top of its range it stops");
        assertEquals(500, drifting.drift(drifting.require("yellow"), 510, 0, 60_000).orElseThrow().counterAfter());
    }

    @Test
    void theScaleBordersSplitTheRangeInThirds() {
        assertEquals(List.of(334, 667, 1000), machine.scale().borders());
        assertEquals(499, machine.scale().top(s("green")));
        assertEquals(1000, machine.scale().top(s("red")));
    }

    @Test
    void inGameThresholdsMustRiseWithTheOrder() {
        List<AlertState> states = new ArrayList<>(SEED);
        states.set(4, state(5, "yellow", true, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> new AlertMachine(states));
    }

    @Test
    void unknownStatesAreRefused() {
        GameRefused e = assertThrows(GameRefused.class, () -> machine.set(s("green"), 1, "purple", "operator", null));
        assertEquals(404, e.status());
    }
}
