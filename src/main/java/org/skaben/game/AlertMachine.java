package org.skaben.game;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The alert state machine of game.md section 2, without storage: given the states, the current one and the
 * counter, what a change leads to. Fixes the original's bugs: a counter beyond the ranges clamps instead of
 * crashing, and out-of-game states never switch by counter.
 */
public final class AlertMachine {

    private final List<AlertState> states;
    private final CounterScale scale;

    public AlertMachine(List<AlertState> states) {
        this.states = states.stream().sorted(Comparator.comparingInt(AlertState::order)).toList();
        this.scale = new CounterScale(states);
    }

    public List<AlertState> states() {
        return states;
    }

    public CounterScale scale() {
        return scale;
    }

    public Optional<AlertState> find(String name) {
        return states.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public AlertState byId(int id) {
        return states.stream().filter(s -> s.id() == id).findFirst()
                .orElseThrow(() -> new GameRefused(404, "alert state " + id + " does not exist"));
    }

    public AlertState require(String name) {
        return find(name).orElseThrow(() -> new GameRefused(404, "alert state '" + name + "' does not exist"));
    }

    /** A state set by hand: the counter is reset to its threshold and everybody hears of it. */
    public AlertChange set(AlertState current, int counter, String name, String source, String reason) {
        AlertState target = require(name);
        return new AlertChange(current, target, counter, target.threshold(), true, source, reason);
    }

    /**
     * A new counter value. While an in-game state is current the value clamps into the ranges and a value in
     * another state's range switches to it; while an out-of-game state is current the value is only recorded.
     */
    public AlertChange counter(AlertState current, int counter, int value, String source, String reason) {
        if (!current.inGame() || scale.isEmpty()) {
            return new AlertChange(current, current, counter, value, false, source, reason);
        }
        int clamped = scale.clamp(value);
        AlertState target = scale.stateFor(clamped);
        return new AlertChange(current, target, counter, clamped, target.id() != current.id(), source, reason);
    }

    /**
     * The automatic drift of the current state, due when its timeout has passed since the last change. It
     * stays inside the state's own range, so a state never leaves itself by drift alone.
     */
    public Optional<AlertChange> drift(AlertState current, int counter, long lastChangeMillis, long nowMillis) {
        if (!current.inGame() || !current.drifts() || nowMillis - lastChangeMillis < current.autoTimeoutSeconds() * 1000L) {
            return Optional.empty();
        }
        int step = "decrease".equals(current.autoChange()) ? -current.autoLevel() : current.autoLevel();
        int next = Math.max(current.threshold(), Math.min(scale.top(current), counter + step));
        if (next == counter) {
            return Optional.empty();
        }
        return Optional.of(new AlertChange(current, current, counter, next, false, "schedule",
                "automatic " + current.autoChange() + " of " + current.name()));
    }
}
