package org.skaben.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.skaben.game.Alert;
import org.skaben.game.AlertRepository;
import org.skaben.game.AlertState;
import org.skaben.game.Broadcaster;
import org.skaben.game.GameActions;
import org.skaben.journal.JournalRepository;

/**
 * The alert as the operator API shows and changes it (AlertRoutes, game.md section 5): its states and the
 * counter. Each change is journaled with its source (operator, or operator:<name>) and sends the devices it concerns their config.
 */
public record AlertApi(GameActions game, Alert alert, JournalRepository journal, Broadcaster broadcaster,
                       String scaleType) {


    /** An alert state and whether it is the current one. */
    public record AlertStateView(int id, String name, @JsonProperty("in_game") boolean inGame, int threshold,
                                 int order, @JsonProperty("counter_increase") int counterIncrease,
                                 @JsonProperty("counter_decrease") int counterDecrease,
                                 @JsonProperty("auto_change") String autoChange,
                                 @JsonProperty("auto_level") int autoLevel,
                                 @JsonProperty("auto_timeout") int autoTimeout, boolean current) {
    }

    /**
     * POST /api/alert/states (name, in_game and threshold needed) or PUT /api/alert/states/{name} (an absent
     * field keeps its value). auto_change is none, increase or decrease.
     */
    public record AlertStateChanges(String name, @JsonProperty("in_game") Boolean inGame, Integer threshold,
                                    Integer order, @JsonProperty("counter_increase") Integer counterIncrease,
                                    @JsonProperty("counter_decrease") Integer counterDecrease,
                                    @JsonProperty("auto_change") String autoChange,
                                    @JsonProperty("auto_level") Integer autoLevel,
                                    @JsonProperty("auto_timeout") Integer autoTimeout) {
    }

    /** POST /api/alert/states/{name}/current: why, for the journal (optional). */
    public record StateChoice(String reason) {
    }

    /** The counter now, its state, and its last change (absent before the first). */
    public record CounterView(int value, String state, @JsonProperty("state_id") int stateId,
                              @JsonProperty("in_game") boolean inGame,
                              @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("changed_at") String changedAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String source) {
    }

    /** One change of the counter. */
    public record CounterEntryView(int value, String state, @JsonProperty("changed_at") String changedAt,
                                   String reason, String source) {
    }

    /** POST /api/alert/counter: either value (set) or delta (move), and a reason. */
    public record CounterChange(Integer value, Integer delta, String reason) {
    }


    public List<AlertStateView> states() {
        int current = alert.current().id();
        return alert.machine().states().stream().map(s -> view(s, s.id() == current)).toList();
    }

    public AlertStateView createState(AlertStateChanges b, String source) {
        Fields.body(b);
        int nextOrder = alert.machine().states().stream().mapToInt(AlertState::order).max().orElse(-1) + 1;
        AlertState saved = alert.save(new AlertState(0, Fields.text(b.name(), "name", null),
                Fields.bool(b.inGame(), "in_game", null), Fields.integer(b.threshold(), "threshold", null),
                Fields.integer(b.order(), "order", nextOrder),
                Fields.integer(b.counterIncrease(), "counter_increase", 0),
                Fields.integer(b.counterDecrease(), "counter_decrease", 0),
                Fields.text(b.autoChange(), "auto_change", AlertState.NO_DRIFT),
                Fields.integer(b.autoLevel(), "auto_level", 0), Fields.integer(b.autoTimeout(), "auto_timeout", 0)));
        return stateSaved(saved, "created", source);
    }

    public AlertStateView updateState(String name, AlertStateChanges b, String source) {
        AlertState old = alert.machine().require(name);
        Fields.body(b);
        AlertState saved = alert.save(new AlertState(old.id(), Fields.text(b.name(), "name", old.name()),
                Fields.bool(b.inGame(), "in_game", old.inGame()),
                Fields.integer(b.threshold(), "threshold", old.threshold()),
                Fields.integer(b.order(), "order", old.order()),
                Fields.integer(b.counterIncrease(), "counter_increase", old.counterIncrease()),
                Fields.integer(b.counterDecrease(), "counter_decrease", old.counterDecrease()),
                Fields.text(b.autoChange(), "auto_change", old.autoChange()),
                Fields.integer(b.autoLevel(), "auto_level", old.autoLevel()),
                Fields.integer(b.autoTimeout(), "auto_timeout", old.autoTimeoutSeconds())));
        return stateSaved(saved, "changed", source);
    }

    private AlertStateView stateSaved(AlertState saved, String what, String source) {
        journal.note("alert-states", source, null, null, "state " + saved.name() + " " + what + ": "
                + ApiJson.write(view(saved, false)));
        // thresholds and names show on the scale
        broadcaster.pushType(scaleType, "alert states changed by operator", source);
        return view(saved, saved.id() == alert.current().id());
    }

    /** Sets the current state by hand: the counter goes to its threshold, every device gets its config. */
    public CounterView setCurrent(String name, StateChoice choice, String source) {
        String reason = choice == null ? "set by operator" : Fields.text(choice.reason(), "reason", "set by operator");
        game.setState(alert.machine().require(name).name(), source, reason);
        return counter();
    }

    public CounterView counter() {
        AlertRepository.CounterEntry latest = alert.history(1).stream().findFirst().orElse(null);
        AlertState current = alert.current();
        return new CounterView(alert.counter(), current.name(), current.id(), current.inGame(),
                latest == null ? null : Instant.ofEpochMilli(latest.changedAt()).toString(),
                latest == null ? null : latest.reason(), latest == null ? null : latest.source());
    }

    public List<CounterEntryView> history(String limit) {
        return alert.history(Fields.limit(limit)).stream().map(e -> new CounterEntryView(e.value(),
                alert.machine().states().stream().filter(s -> s.id() == e.stateId()).map(AlertState::name)
                        .findFirst().orElse(String.valueOf(e.stateId())),
                Instant.ofEpochMilli(e.changedAt()).toString(), e.reason(), e.source())).toList();
    }

    public CounterView postCounter(CounterChange b, String source) {
        Fields.body(b);
        String reason = Fields.text(b.reason(), "reason", null);
        if ((b.value() == null) == (b.delta() == null)) {
            throw new ApiException(400, "give either \"value\" or \"delta\"");
        }
        if (b.value() != null) {
            game.setCounter(b.value(), source, reason);
        } else {
            game.changeCounter(b.delta(), source, reason);
        }
        return counter();
    }

    private static AlertStateView view(AlertState s, boolean current) {
        return new AlertStateView(s.id(), s.name(), s.inGame(), s.threshold(), s.order(), s.counterIncrease(),
                s.counterDecrease(), s.autoChange(), s.autoLevel(), s.autoTimeoutSeconds(), current);
    }
}
