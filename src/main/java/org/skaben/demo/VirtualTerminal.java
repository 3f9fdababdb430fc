package org.skaben.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A terminal (game.md 3) with its hacking mini-game: a player's attempt is reported as INFO
 * {@code {"type": "hack", "success": <bool>}}, and a success also as SUP {@code hacked: true}.
 */
public class VirtualTerminal extends SmartVirtualDevice {

    public VirtualTerminal(String type, String uid) {
        super(type, uid);
    }

    @Override
    public Map<String, Object> act(Map<String, Object> action) {
        requireAction(action, "hack");
        if (!(action.get("success") instanceof Boolean success)) {
            throw new ActionRefused(400, "\"success\" is required: true or false");
        }
        return hack(success);
    }

    Map<String, Object> hack(boolean success) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "hack");
        event.put("success", success);
        info(event);
        if (!success) {
            return outcome("failed", "the hack failed");
        }
        if (!flag("hacked")) {
            sup(Map.of("hacked", true));
        }
        return outcome("hacked", "the terminal is hacked");
    }

    @Override
    protected String problemWith(Map<String, Object> next) {
        return booleanOrAbsent(next, "powered", "blocked", "hacked") ? null
                : "powered, blocked, hacked must be true or false";
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("powered", flag("powered"));
        state.put("blocked", flag("blocked"));
        state.put("hacked", flag("hacked"));
        state.put("alert", config.get("alert"));
        return state;
    }
}
