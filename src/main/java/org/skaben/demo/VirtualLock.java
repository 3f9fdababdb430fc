package org.skaben.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A door lock with a card reader (game.md 3), deciding as the deployed lock does: a card opens it when its
 * {@code acl} lists the current state, {@code int(alert)}, for that card, and never while it is blocked. Each
 * attempt is reported as INFO {@code {"type": "access", "content": <code>, "success": <bool>}}; a door a player
 * opened reports SUP {@code closed: false} and closes again after {@code timer} seconds (SUP {@code closed:
 * true}). A door the game master opens (a CUP with {@code closed: false}) stays open.
 */
public class VirtualLock extends SmartVirtualDevice {

    private Runnable closeTimer;

    public VirtualLock(String type, String uid) {
        super(type, uid);
    }

    @Override
    public Map<String, Object> act(Map<String, Object> action) {
        Object name = action.get("action");
        if ("card".equals(name)) {
            return card(text(action, "code", "the card's code"));
        }
        if ("open".equals(name)) {
            return open();
        }
        throw unknownAction(name, "card, open");
    }

    /** A player presents a card. */
    Map<String, Object> card(String code) {
        boolean blocked = flag("blocked");
        boolean granted = !blocked && permits(code);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "access");
        event.put("content", code);
        event.put("success", granted);
        info(event);
        if (!granted) {
            return outcome("denied", blocked ? "the lock is blocked" : "card " + code + " does not open it in state "
                    + config.get("alert"));
        }
        return playerOpens("card " + code + " opens it");
    }

    /** A player opens the door without a card (the button on the inside). */
    Map<String, Object> open() {
        if (flag("blocked")) {
            return outcome("refused", "the lock is blocked");
        }
        return playerOpens("opened");
    }

    private Map<String, Object> playerOpens(String detail) {
        if (!Boolean.FALSE.equals(config.get("closed"))) {
            sup(Map.of("closed", false));
        }
        // it stays open for the timer from now, however often it is opened
        cancelTimer();
        closeTimer = schedule(timerSeconds() * 1000, this::closeAgain);
        return outcome("opened", detail + "; it closes again in " + timerSeconds() + " s");
    }

    private void closeAgain() {
        closeTimer = null;
        if (Boolean.FALSE.equals(config.get("closed"))) {
            sup(Map.of("closed", true));
        }
    }

    private boolean permits(String code) {
        Integer state = alert(config.get("alert"));
        if (state == null || !(config.get("acl") instanceof Map<?, ?> acl) || !(acl.get(code) instanceof List<?> states)) {
            return false;
        }
        return states.stream().map(VirtualDevice::number).anyMatch(s -> s != null && s.intValue() == state);
    }

    private long timerSeconds() {
        Long timer = number(config.get("timer"));
        return timer == null || timer < 0 ? 10 : timer;
    }

    @Override
    protected String problemWith(Map<String, Object> next) {
        if (next.containsKey("alert") && alert(next.get("alert")) == null) {
            return "alert is not a number";
        }
        if (next.containsKey("acl") && !(next.get("acl") instanceof Map)) {
            return "acl is not an object";
        }
        if (next.containsKey("timer") && number(next.get("timer")) == null) {
            return "timer is not a number";
        }
        return booleanOrAbsent(next, "closed", "blocked", "sound") ? null : "closed, blocked, sound must be true or false";
    }

    @Override
    protected void applied(Map<String, Object> before) {
        // the game master (or a rule) closed it: no timer runs for a door that is shut
        if (!Boolean.FALSE.equals(config.get("closed"))) {
            cancelTimer();
        }
    }

    private void cancelTimer() {
        if (closeTimer != null) {
            closeTimer.run();
            closeTimer = null;
        }
    }

    /** int(alert), as the deployed lock computes it: null where that would fail. */
    private static Integer alert(Object alert) {
        Long n = number(alert);
        return n == null || n != n.intValue() ? null : n.intValue();
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("closed", !Boolean.FALSE.equals(config.get("closed")));
        state.put("blocked", flag("blocked"));
        state.put("alert", config.get("alert"));
        state.put("closing", closeTimer != null);
        return state;
    }
}
