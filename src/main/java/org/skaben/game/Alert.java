package org.skaben.game;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.skaben.cluster.ChangeNotices;

/**
 * The current alert state and counter, kept in memory (every CUP needs them) and written through to the
 * database before memory changes. Callers that must order what follows a change (journal, broadcast)
 * synchronise on this object.
 *
 * <p>Every change is a {@link Decision} of the {@link AlertMachine} on a state and counter. One process decides
 * on what it holds in memory. One of several instances ({@code lockedInDatabase}) decides on what the database
 * holds, read under a lock that the other instances' changes wait for, and records the change before the lock
 * is released: two +50s through two instances add up to +100 whatever either held in memory.
 */
public class Alert {

    /** What a change does, given the states, the current state and counter, and when they last changed. */
    @FunctionalInterface
    interface Decision {
        Optional<AlertChange> decide(AlertMachine machine, AlertState current, int counter, long changedAt);
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private final AlertRepository repository;
    private final GameVersion version;
    private final boolean lockedInDatabase;
    // the other server instances, told of each change of the states, the current one or the counter
    private final ChangeNotices notices;
    private AlertMachine machine;
    private AlertState current;
    private int counter;
    private long changedAt;

    public Alert(AlertRepository repository, GameVersion version) {
        this(repository, version, false, ChangeNotices.NONE);
    }

    /**
     * {@code lockedInDatabase}: one of several instances sharing the database (see above); {@code notices}: the
     * other instances, told of every change.
     */
    public Alert(AlertRepository repository, GameVersion version, boolean lockedInDatabase, ChangeNotices notices) {
        this.notices = notices;
        this.repository = repository;
        this.version = version;
        this.lockedInDatabase = lockedInDatabase;
        reload();
    }

    /**
     * Re-reads the states, the current one and the counter: the database was changed behind it (a scene
     * restored, a state defined through the operator API, another server instance). The automatic drift's clock
     * restarts only when the current state or the counter is not what it was: a state's definition changed moves
     * neither.
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
        return change((m, state, value, at) -> Optional.of(m.set(state, value, name, source, reason))).orElseThrow();
    }

    public synchronized AlertChange setCounter(int value, String source, String reason) {
        return change((m, state, old, at) -> Optional.of(m.counter(state, old, value, source, reason))).orElseThrow();
    }

    public synchronized AlertChange addToCounter(int delta, String source, String reason) {
        return change((m, state, old, at) -> Optional.of(m.counter(state, old, plus(old, delta), source, reason)))
                .orElseThrow();
    }

    /** A failed player action: the counter rises by the current in-game state's counter_increase, if any. */
    public synchronized Optional<AlertChange> raise(String source, String reason) {
        return change((m, state, old, at) -> state.inGame() && state.counterIncrease() != 0
                ? Optional.of(m.counter(state, old, plus(old, state.counterIncrease()), source, reason))
                : Optional.empty());
    }

    /** A successful player action: the counter falls by the current in-game state's counter_decrease, if any. */
    public synchronized Optional<AlertChange> lower(String source, String reason) {
        return change((m, state, old, at) -> state.inGame() && state.counterDecrease() != 0
                ? Optional.of(m.counter(state, old, plus(old, -state.counterDecrease()), source, reason))
                : Optional.empty());
    }

    /** Sets {@code to} only while {@code from} is current (a rule's "aux while blue"), atomically. */
    public synchronized Optional<AlertChange> switchState(String from, String to, String source, String reason) {
        machine.require(from);
        return change((m, state, value, at) -> state.name().equals(from)
                ? Optional.of(m.set(state, value, to, source, reason)) : Optional.empty());
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
        return change((m, state, value, at) -> m.drift(state, value, at, nowMillis));
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

    private Optional<AlertChange> change(Decision decision) {
        if (!lockedInDatabase) {
            return decision.decide(machine, current, counter, changedAt).map(this::apply);
        }
        long now = System.currentTimeMillis();
        Optional<AlertChange> change = repository.changeLocked(latest -> {
            // what the database holds is what this instance holds from now on, whatever the decision
            if (machine.states().stream().noneMatch(s -> s.id() == latest.stateId())) {
                machine = new AlertMachine(repository.states());
            }
            current = machine.byId(latest.stateId());
            counter = latest.counter().value();
            changedAt = latest.counter().changedAt();
            return decision.decide(machine, current, counter, changedAt);
        }, now);
        change.ifPresent(c -> remember(c, now));
        return change;
    }

    private AlertChange apply(AlertChange change) {
        long now = System.currentTimeMillis();
        repository.record(change, now);
        remember(change, now);
        return change;
    }

    private void remember(AlertChange change, long at) {
        current = change.current();
        counter = change.counterAfter();
        changedAt = at;
        version.bump();
        notices.changed(ChangeNotices.ALERT);
    }

    private static int plus(int value, int delta) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) value + delta));
    }
}
