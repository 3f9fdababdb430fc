package org.skaben.game;

/**
 * One alert state (game.md section 1). In-game states split the counter into ranges by their thresholds;
 * {@code autoChange} (none, increase, decrease) drifts the counter by {@code autoLevel} every
 * {@code autoTimeoutSeconds} while the state is current.
 */
public record AlertState(int id, String name, boolean inGame, int threshold, int order, int counterIncrease,
                         int counterDecrease, String autoChange, int autoLevel, int autoTimeoutSeconds) {

    public static final String NO_DRIFT = "none";

    public boolean drifts() {
        return !NO_DRIFT.equals(autoChange) && autoLevel > 0 && autoTimeoutSeconds > 0;
    }
}
