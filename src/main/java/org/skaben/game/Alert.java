package org.skaben.game;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The current alert state and counter, kept in memory (every CUP needs them) and written through to the
 * database before memory changes. Callers that must order what follows a change (journal, broadcast)
 * synchronise on this object.
 */
public class Alert {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private final AlertRepository repository;
    private final GameVersion version;
    private AlertMachine machine;
    private AlertState current;
    private int counter;
    private long changedAt;

    public Alert(AlertRepository repository, GameVersion version) {
        this.repository = repository;
        this.version = version;
        reload();
    }

    /**
     * Re-reads the states, the current one and the counter: the database was changed behind it (a scene
     * restored, a state defined through the operator API). The automatic drift's clock restarts only when the
     * current state or the counter is not what it was: a state's definition changed moves neither.
     */
    public synchronized void reload() {
        AlertState before = current;
        int counterBefore = counter;
        machine = new AlertMachine(repository.states());
        current = machine.byId(repository.currentStateId());
        counter = repository.latestCounter().value();
        if (before == null || before.id() != current.id() || counterBefore != counter) {
            changedAt = System.currentTimeMillis();
        }
        version.bump();
    }

    public synchronized AlertState current() {
        return current;
    }

    public synchronized int counter() {
        return counter;
    }

    public synchronized AlertMachine machine() {
        return machine;
    }

    public synchronized AlertChange setState(String name, String source, String reason) {
        return apply(machine.set(current, counter, name, source, reason));
    }

    public synchronized AlertChange setCounter(int value, String source, String reason) {
        return apply(machine.counter(current, counter, value, source, reason));
    }

    public synchronized AlertChange addToCounter(int delta, String source, String reason) {
        return setCounter((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) counter + delta)),
                source, reason);
    }

    /** Sets {@code to} only while {@code from} is current (a rule's "aux while blue"), atomically. */
    public synchronized Optional<AlertChange> switchState(String from, String to, String source, String reason) {
        machine.require(from);
        if (!current.name().equals(from)) {
            return Optional.empty();
        }
        return Optional.of(setState(to, source, reason));
    }

    /** The first in-game state by order (green in the standard game). */
    public synchronized String firstInGameState() {
        AlertState first = machine.scale().first();
        if (first == null) {
            throw new GameRefused(409, "there is no in-game alert state");
        }
        return first.name();
    }

    public synchronized Optional<AlertChange> drift(long nowMillis) {
        return machine.drift(current, counter, changedAt, nowMillis).map(this::apply);
    }

    /**
     * A state to create (id 0: it gets the next id) or to change, checked against the others: its name and drift
     * are well-formed, its name is free, and the states still make a valid scale. It is written by the operator
     * API's route (api/AlertRoutes), which then has the states read again.
     */
    public synchronized AlertState check(AlertState state) {
        if (!NAME.matcher(state.name()).matches()) {
            throw new GameRefused(400, "a state name is 1-32 lower-case letters, digits, _ or -, starting with a letter");
        }
        if (!List.of("none", "increase", "decrease").contains(state.autoChange())) {
            throw new GameRefused(400, "auto_change must be none, increase or decrease");
        }
        if (state.autoLevel() < 0 || state.autoTimeoutSeconds() < 0) {
            throw new GameRefused(400, "auto_level and auto_timeout must not be negative");
        }
        AlertState checked = state.id() == 0 ? withId(state, nextId()) : state;
        List<AlertState> next = new ArrayList<>(machine.states().stream().filter(s -> s.id() != checked.id()).toList());
        if (next.stream().anyMatch(s -> s.name().equals(checked.name()))) {
            throw new GameRefused(409, "alert state '" + checked.name() + "' already exists");
        }
        next.add(checked);
        try {
            new AlertMachine(next);
        } catch (IllegalArgumentException e) {
            throw new GameRefused(400, e.getMessage());
        }
        return checked;
    }

    private int nextId() {
        return machine.states().stream().mapToInt(AlertState::id).max().orElse(0) + 1;
    }

    private static AlertState withId(AlertState s, int id) {
        return new AlertState(id, s.name(), s.inGame(), s.threshold(), s.order(), s.counterIncrease(),
                s.counterDecrease(), s.autoChange(), s.autoLevel(), s.autoTimeoutSeconds());
    }

    private AlertChange apply(AlertChange change) {
        long now = System.currentTimeMillis();
        repository.record(change, now);
        current = change.current();
        counter = change.counterAfter();
        changedAt = now;
        version.bump();
        return change;
    }
}
