package org.skaben.game;

/**
 * What one change of the alert did. {@code broadcast} means every device gets its config (a state was set
 * or switched); otherwise only the scale shows the new counter.
 */
public record AlertChange(AlertState previous, AlertState current, int counterBefore, int counterAfter,
                          boolean broadcast, String source, String reason) {

    public boolean stateSwitched() {
        return previous.id() != current.id();
    }

    public String describe() {
        String counter = "counter " + counterBefore + " -> " + counterAfter;
        String state = stateSwitched() ? "state " + previous.name() + " -> " + current.name()
                : "state " + current.name() + (broadcast ? " (set again)" : "");
        return state + ", " + counter + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }
}
