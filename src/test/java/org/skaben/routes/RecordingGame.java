package org.skaben.routes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.skaben.game.GameActions;

/**
 * The {@code game} bean of a route test: each call a route makes is recorded as it was made ("note(text,
 * source)"), and nothing happens to any game. {@link #failure} makes the next call fail.
 */
public class RecordingGame extends GameActions implements RouteFakes.Fake {

    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** What {@link #currentState} answers. */
    public volatile String state = "green";
    /** Thrown by the next call (then cleared). */
    public volatile RuntimeException failure;

    public RecordingGame() {
        super(null, null, null, null, null, "white");
    }

    private <T> T record(T result, String method, Object... args) {
        calls.add(method + "(" + String.join(", ", List.of(args).stream().map(String::valueOf).toList()) + ")");
        RuntimeException fail = failure;
        failure = null;
        if (fail != null) {
            throw fail;
        }
        return result;
    }

    @Override
    public void reset() {
        calls.clear();
        state = "green";
        failure = null;
    }

    @Override
    public String currentState() {
        return state;
    }

    @Override
    public boolean switchState(String from, String to, String source) {
        return record(true, "switchState", from, to, source);
    }

    @Override
    public boolean startGame(String from, String source) {
        return record(true, "startGame", from, source);
    }

    @Override
    public void raiseCounter(String source, String reason) {
        record(null, "raiseCounter", source, reason);
    }

    @Override
    public void drift() {
        record(null, "drift");
    }

    @Override
    public List<String> prepareType(String type, String changes, String source) {
        return record(List.of(), "prepareType", type, changes, source);
    }

    @Override
    public boolean configureDevice(String uid, String changes, String source) {
        return record(true, "configureDevice", uid, changes, source);
    }

    @Override
    public boolean accessAttempt(String lockUid, Map<String, Object> event, String source) {
        return record(true, "accessAttempt", lockUid, event, source);
    }

    @Override
    public void note(String message, String source) {
        record(null, "note", message, source);
    }
}
