package org.skaben.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The power shield (game.md 4): a player switches it to auxiliary power, the reactor, or off, and it reports
 * INFO {@code {"powerstate": "aux" | "pwr" | "off"}}. The switch is the player's; the config the server sends
 * it is kept beside it, as on any simple device.
 */
public class VirtualShield extends SimpleVirtualDevice {

    static final List<String> POWER_STATES = List.of("off", "aux", "pwr");

    private String powerstate = "off";

    public VirtualShield(String type, String uid) {
        super(type, uid);
    }

    @Override
    public Map<String, Object> act(Map<String, Object> action) {
        requireAction(action, "power");
        String state = text(action, "state", "aux, pwr or off").toLowerCase();
        if (!POWER_STATES.contains(state)) {
            throw new ActionRefused(400, "\"state\" is aux, pwr or off, not '" + action.get("state") + "'");
        }
        return power(state);
    }

    Map<String, Object> power(String state) {
        powerstate = state;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("powerstate", state);
        info(event);
        return outcome("switched", "the shield is on " + state);
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("powerstate", powerstate);
        return state;
    }
}
