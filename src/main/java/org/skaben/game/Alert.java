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
 */
public class Alert {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private final AlertRepository repository;
    private final GameVersion version;
    // the other server instances, told of each change of the states, the current one or the counter
    private final ChangeNotices notices;
    private AlertMachine machine;
    private AlertState current;
    private int counter;
    private long changedAt;

    public Alert(AlertRepository repository, GameVersion version) {
        this(repository, version, ChangeNotices.NONE);
    }

    public Alert(AlertRepository repository, GameVersion version, ChangeNotices notices) {
        this.notices = notices;
        this.repository = repository;
        this.version = version;
        reload();
    }

    /**
     * Re-reads the states, the current one and the counter: the database was changed behind it (a scene, another
     * server instance).
     */
    public synchronized void reload() {
        machine = new AlertMachine(repository.states());
        current = machine.byId(repository.currentStateId());
        counter = repository.latestCounter().value();
        changedAt = System.currentTimeMillis();
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

    /** Creates (id 0) or changes a state, after checking that the states still make a valid scale. */
    public synchronized AlertState save(AlertState state) {
        if (!NAME.matcher(state.name()).matches()) {
            throw new GameRefused(400, "a state name is 1-32 lower-case letters, digits, _ or -, starting with a letter");
        }
        if (!List.of("none", "increase", "decrease").contains(state.autoChange())) {
            throw new GameRefused(400, "auto_change must be none, increase or decrease");
        }
        if (state.autoLevel() < 0 || state.autoTimeoutSeconds() < 0) {
            throw new GameRefused(400, "auto_level and auto_timeout must not be negative");
        }
        AlertState saved = state.id() == 0 ? withId(state, nextId()) : state;
        List<AlertState> next = new ArrayList<>(machine.states().stream().filter(s -> s.id() != saved.id()).toList());
        if (next.stream().anyMatch(s -> s.name().equals(saved.name()))) {
            throw new GameRefused(409, "alert state '" + saved.name() + "' already exists");
        }
        next.add(saved);
        AlertMachine checked;
        try {
            checked = new AlertMachine(next);
        } catch (IllegalArgumentException e) {
            throw new GameRefused(400, e.getMessage());
        }
        repository.save(saved);
        machine = checked;
        current = machine.byId(current.id());
        version.bump();
        notices.changed(ChangeNotices.ALERT);
        return saved;
    }

    private int nextId() {
        return machine.states().stream().mapToInt(AlertState::id).max().orElse(0) + 1;
    }

    private static AlertState withId(AlertState s, int id) {
        return new AlertState(id, s.name(), s.inGame(), s.threshold(), s.order(), s.counterIncrease(),
                s.counterDecrease(), s.autoChange(), s.autoLevel(), s.autoTimeoutSeconds());
    }

    public List<AlertRepository.CounterEntry> history(int limit) {
        return repository.history(limit);
    }

    private AlertChange apply(AlertChange change) {
        long now = System.currentTimeMillis();
        repository.record(change, now);
        current = change.current();
        counter = change.counterAfter();
        changedAt = now;
        version.bump();
        notices.changed(ChangeNotices.ALERT);
        return change;
    }
}
