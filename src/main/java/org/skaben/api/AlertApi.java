package org.skaben.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.skaben.game.Alert;
import org.skaben.game.AlertState;
import org.skaben.game.GameActions;

/**
 * The alert as the operator API shows and changes it (AlertRoutes, game.md section 5): the checks of a state
 * defined before AlertRoutes' {@code sql:} steps, the rows they read as the API answers them, and the counter
 * set or moved through the game's actions (they journal and push the configs themselves).
 */
public record AlertApi(GameActions game, Alert alert, String scaleType) {


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


    /** The rows of sql/alert-states.sql. */
    public List<AlertStateView> states(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> new AlertStateView(integer(r, "id"), (String) r.get("name"),
                (Boolean) r.get("in_game"), integer(r, "threshold"), integer(r, "sort_order"),
                integer(r, "counter_increase"), integer(r, "counter_decrease"), (String) r.get("auto_change"),
                integer(r, "auto_level"), integer(r, "auto_timeout"), (Boolean) r.get("is_current"))).toList();
    }

    /** A new state, checked against the others and given the next id: for sql/alert-state-insert.sql. */
    public AlertState newState(AlertStateChanges b) {
        Fields.body(b);
        int nextOrder = alert.machine().states().stream().mapToInt(AlertState::order).max().orElse(-1) + 1;
        return alert.check(new AlertState(0, Fields.text(b.name(), "name", null),
                Fields.bool(b.inGame(), "in_game", null), Fields.integer(b.threshold(), "threshold", null),
                Fields.integer(b.order(), "order", nextOrder),
                Fields.integer(b.counterIncrease(), "counter_increase", 0),
                Fields.integer(b.counterDecrease(), "counter_decrease", 0),
                Fields.text(b.autoChange(), "auto_change", AlertState.NO_DRIFT),
                Fields.integer(b.autoLevel(), "auto_level", 0), Fields.integer(b.autoTimeout(), "auto_timeout", 0)));
    }

    /** A state changed (absent fields keep their value), checked against the others: for sql/alert-state-update.sql. */
    public AlertState changedState(String name, AlertStateChanges b) {
        AlertState old = alert.machine().require(name);
        Fields.body(b);
        return alert.check(new AlertState(old.id(), Fields.text(b.name(), "name", old.name()),
                Fields.bool(b.inGame(), "in_game", old.inGame()),
                Fields.integer(b.threshold(), "threshold", old.threshold()),
                Fields.integer(b.order(), "order", old.order()),
                Fields.integer(b.counterIncrease(), "counter_increase", old.counterIncrease()),
                Fields.integer(b.counterDecrease(), "counter_decrease", old.counterDecrease()),
                Fields.text(b.autoChange(), "auto_change", old.autoChange()),
                Fields.integer(b.autoLevel(), "auto_level", old.autoLevel()),
                Fields.integer(b.autoTimeout(), "auto_timeout", old.autoTimeoutSeconds())));
    }

    /** What the journal says of a state saved (created or changed). */
    public String savedDetail(AlertState saved, String what) {
        return "state " + saved.name() + " " + what + ": " + ApiJson.write(view(saved, false));
    }

    /** A state saved, as the API answers it (once the states were read again). */
    public AlertStateView saved(AlertState saved) {
        return view(saved, saved.id() == alert.current().id());
    }

    /** The type whose devices show the states' thresholds and names (the scale): told of every change. */
    public String scaleType() {
        return scaleType;
    }

    /** Sets the current state by hand: the counter goes to its threshold, every device gets its config. */
    public void setCurrent(String name, StateChoice choice, String source) {
        String reason = choice == null ? "set by operator" : Fields.text(choice.reason(), "reason", "set by operator");
        game.setState(alert.machine().require(name).name(), source, reason);
    }

    /** The row of sql/alert-counter.sql: the counter, its state and its last change. */
    public CounterView counter(Map<String, Object> row) {
        Object changedAt = row.get("changed_at");
        return new CounterView(integer(row, "counter"), (String) row.get("state_name"), integer(row, "state_id"),
                (Boolean) row.get("in_game"), changedAt == null ? null : instant(changedAt),
                (String) row.get("reason"), (String) row.get("source"));
    }

    /** ?limit= of the history. */
    public int limit(String limit) {
        return Fields.limit(limit);
    }

    /** The rows of sql/alert-counter-history.sql. */
    public List<CounterEntryView> history(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> new CounterEntryView(integer(r, "counter"), (String) r.get("state_name"),
                instant(r.get("changed_at")), (String) r.get("reason"), (String) r.get("source"))).toList();
    }

    public void postCounter(CounterChange b, String source) {
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
    }

    private static int integer(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }

    private static String instant(Object millis) {
        return Instant.ofEpochMilli(((Number) millis).longValue()).toString();
    }

    private static AlertStateView view(AlertState s, boolean current) {
        return new AlertStateView(s.id(), s.name(), s.inGame(), s.threshold(), s.order(), s.counterIncrease(),
                s.counterDecrease(), s.autoChange(), s.autoLevel(), s.autoTimeoutSeconds(), current);
    }
}
