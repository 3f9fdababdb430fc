package org.skaben.game;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the in-game states, by order, split the alert counter (game.md section 2): state i covers
 * [threshold_i, threshold_i+1), the last one [threshold_last, max] where max is the largest threshold.
 */
public final class CounterScale {

    private final List<AlertState> inGame;

    public CounterScale(List<AlertState> states) {
        List<AlertState> sorted = new ArrayList<>(states.stream().filter(AlertState::inGame).toList());
        sorted.sort(Comparator.comparingInt(AlertState::order));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).threshold() <= sorted.get(i - 1).threshold()) {
                throw new IllegalArgumentException("in-game thresholds must rise with the order: "
                        + sorted.get(i - 1).name() + " " + sorted.get(i - 1).threshold() + ", "
                        + sorted.get(i).name() + " " + sorted.get(i).threshold());
            }
        }
        this.inGame = List.copyOf(sorted);
    }

    public boolean isEmpty() {
        return inGame.isEmpty();
    }

    public int min() {
        return inGame.isEmpty() ? 0 : inGame.get(0).threshold();
    }

    public int max() {
        return inGame.isEmpty() ? 0 : inGame.get(inGame.size() - 1).threshold();
    }

    /** The value moved into the nearest range. */
    public int clamp(int value) {
        return inGame.isEmpty() ? value : Math.max(min(), Math.min(max(), value));
    }

    /** The in-game state whose range holds the (clamped) value; null without in-game states. */
    public AlertState stateFor(int value) {
        int v = clamp(value);
        AlertState found = null;
        for (AlertState s : inGame) {
            if (s.threshold() <= v) {
                found = s;
            }
        }
        return found;
    }

    /** The highest value still inside the state's range. */
    public int top(AlertState state) {
        for (int i = 0; i < inGame.size(); i++) {
            if (inGame.get(i).id() == state.id()) {
                return i + 1 < inGame.size() ? inGame.get(i + 1).threshold() - 1 : max();
            }
        }
        return state.threshold();
    }

    public AlertState first() {
        return inGame.isEmpty() ? null : inGame.get(0);
    }

    /** Three borders splitting min..max into thirds, for the scale (seed data: [334, 667, 1000]). */
    public List<Integer> borders() {
        if (inGame.isEmpty()) {
            return List.of();
        }
        int span = max() - min() + 1;
        return List.of(min() - 1 + (int) Math.ceil(span / 3.0), min() - 1 + (int) Math.ceil(span * 2 / 3.0), max());
    }
}
