package org.skaben.game;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.skaben.access.AccessBook;
import org.skaben.device.Device;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.Json;
import org.skaben.journal.JournalRepository;

/**
 * The game's verbs, as the rules in routes/rules and the game master's API use them: set the state, move
 * the counter, change devices' configs and push them, record an access attempt, journal. Each change is
 * journaled with its source (the rule's route id, "operator", "schedule") and reaches the devices at once.
 *
 * <p>Why the rules call these rather than {@code sql:} steps: each verb changes state that every CUP reads from
 * memory ({@link Alert}, {@link DeviceRegistry}, {@link AccessBook}, {@link SimpleConfigs}) and writes its rows
 * through first (a state and its counter in one transaction), so that memory and database agree; then it
 * journals and pushes the CUPs the change brings.
 */
public class GameActions {

    private final Alert alert;
    private final DeviceRegistry registry;
    private final AccessBook access;
    private final JournalRepository journal;
    private final Broadcaster broadcaster;
    private final String registrationState;

    public GameActions(Alert alert, DeviceRegistry registry, AccessBook access, JournalRepository journal,
                       Broadcaster broadcaster, String registrationState) {
        this.alert = alert;
        this.registry = registry;
        this.access = access;
        this.journal = journal;
        this.broadcaster = broadcaster;
        this.registrationState = registrationState;
    }

    public String currentState() {
        return alert.current().name();
    }

    public boolean inGame() {
        return alert.current().inGame();
    }

    public AlertChange setState(String state, String source) {
        return setState(state, source, "set by " + source);
    }

    public AlertChange setState(String state, String source, String reason) {
        synchronized (alert) {
            return announce(alert.setState(state, source, reason));
        }
    }

    /** Switches from one state to another, only while {@code from} is current; true when it did. */
    public boolean switchState(String from, String to, String source) {
        synchronized (alert) {
            return alert.switchState(from, to, source, from + " -> " + to + " by " + source)
                    .map(this::announce).isPresent();
        }
    }

    /** Switches from {@code from} to the first in-game state (green), the counter at its threshold. */
    public boolean startGame(String from, String source) {
        synchronized (alert) {
            return switchState(from, alert.firstInGameState(), source);
        }
    }

    public AlertChange setCounter(int value, String source, String reason) {
        synchronized (alert) {
            return announce(alert.setCounter(value, source, reason));
        }
    }

    public AlertChange changeCounter(int delta, String source, String reason) {
        synchronized (alert) {
            return announce(alert.addToCounter(delta, source, reason));
        }
    }

    /** A failed player action: the counter rises by the current in-game state's counter_increase. */
    public void raiseCounter(String source, String reason) {
        synchronized (alert) {
            alert.raise(source, reason).ifPresent(this::announce);
        }
    }

    /** A successful player action: the counter falls by the current in-game state's counter_decrease. */
    public void lowerCounter(String source, String reason) {
        synchronized (alert) {
            alert.lower(source, reason).ifPresent(this::announce);
        }
    }

    /** The current state's automatic drift, when it is due (the alert-drift timer asks every second). */
    public void drift() {
        synchronized (alert) {
            alert.drift(System.currentTimeMillis()).ifPresent(this::announce);
        }
    }

    /**
     * Merges {@code changes} (a JSON object) into the config of every device of a type and sends each its
     * config. Devices under override are a game master's: left alone, and the journal says so.
     */
    public List<String> configureType(String type, String changes, String source) {
        List<String> changed = changeType(type, changes, source, "");
        broadcaster.pushDevices(changed, "config changed by " + source, source, false);
        return changed;
    }

    /**
     * Like {@link #configureType} but sends nothing: for a rule that reacts to a state change. The state's
     * broadcast waits for such rules (routes/alert.camel.yaml), so each device gets one CUP that already holds
     * their change; were a rule too slow for that, the device's next PONG shows the new hash and brings it.
     */
    public List<String> prepareType(String type, String changes, String source) {
        return changeType(type, changes, source, ", sent with the state change");
    }

    private List<String> changeType(String type, String changes, String source, String note) {
        Map<String, Object> fields = Json.readObject(changes);
        List<String> changed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Device device : registry.devices()) {
            if (!device.type().equals(type)) {
                continue;
            }
            if (device.override()) {
                skipped.add(device.uid());
            } else {
                registry.updateConfig(device.uid(), fields, false);
                changed.add(device.uid());
            }
        }
        journal.note("config", source, type, null, Json.write(fields) + " on " + changed.size() + " " + type
                + " device(s)" + note + (skipped.isEmpty() ? "" : "; under override, left alone: " + String.join(", ", skipped)));
        return changed;
    }

    /** Merges {@code changes} into one device's config and sends it (not while the device is under override). */
    public boolean configureDevice(String uid, String changes, String source) {
        Device device = registry.require(uid);
        if (device.override()) {
            journal.note("config", source, device.type(), uid, "under override, left alone: " + changes);
            return false;
        }
        Map<String, Object> fields = Json.readObject(changes);
        registry.updateConfig(uid, fields, false);
        journal.note("config", source, device.type(), uid, Json.write(fields));
        broadcaster.pushDevices(List.of(uid), "config changed by " + source, source, false);
        return true;
    }

    /**
     * A card or code presented at a lock (INFO {"type": "access", "content": code, "success": bool}; older
     * locks send "access_code"). Journals who it was; an unknown 6-character card presented in the
     * registration state (white) is registered, owned by "unknown"; any other unknown code is an error.
     * Returns whether the lock let the person in.
     */
    public boolean accessAttempt(String lockUid, Map<String, Object> event, String source) {
        Object raw = event.containsKey("content") ? event.get("content") : event.get("access_code");
        String code = raw == null ? "" : String.valueOf(raw);
        boolean granted = Boolean.TRUE.equals(event.get("success"))
                || "true".equalsIgnoreCase(String.valueOf(event.get("success")));
        String owner = access.owner(code).orElse(null);
        if (owner == null) {
            if (currentState().equals(registrationState) && code.length() == 6) {
                access.registerUnknownCard(code);
                owner = AccessBook.UNKNOWN_OWNER;
                journal.note("card-registered", source, "lock", lockUid, "card " + code + " registered (owner unknown)");
            } else {
                journal.note("error", source, "lock", lockUid, "unknown code '" + code + "' presented at lock "
                        + lockUid + " in " + currentState());
            }
        }
        journal.note(granted ? "access-granted" : "access-denied", source, "lock", lockUid,
                "access " + (granted ? "granted" : "denied") + " for " + code + " (" + (owner == null ? "unknown code" : owner)
                        + ") at " + lockUid);
        return granted;
    }

    /** A line in the journal from a rule. */
    public void note(String message, String source) {
        journal.note("rule", source, null, null, message);
    }

    private AlertChange announce(AlertChange change) {
        journal.note(change.stateSwitched() || change.broadcast() ? "alert-state" : "alert-counter",
                change.source(), null, null, change.describe());
        broadcaster.alertChanged(change);
        return change;
    }
}
