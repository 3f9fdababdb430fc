package org.skaben.scene;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.skaben.access.AccessCode;
import org.skaben.game.AlertState;

/**
 * Takes the game setup as it is now into a {@link Scene}: read from the tables (what the views write through to)
 * while the alert, access and the simple configs hold still. A device's config is read once, as it stands.
 * Java, not {@code sql:} steps: one consistent read of every game table (see {@link SceneTables}).
 */
public class SceneCapture {

    private final SceneTables tables;
    private final GameCaches caches;

    public SceneCapture(SceneTables tables, GameCaches caches) {
        this.tables = tables;
        this.caches = caches;
    }

    public Scene capture(String name, long nowMillis) {
        return caches.reading(() -> {
            List<AlertState> states = tables.alert().states();
            Map<Integer, String> stateNames = states.stream()
                    .collect(Collectors.toMap(AlertState::id, AlertState::name));
            String current = stateNames.get(tables.alert().currentStateId());
            int counter = tables.alert().latestCounter().value();
            Map<Long, String> personNames = new HashMap<>();
            List<Scene.Person> persons = tables.persons().findAll().stream().map(p -> {
                personNames.put(p.id(), p.name());
                return new Scene.Person(p.name(), p.role(), p.description() == null ? "" : p.description());
            }).toList();
            List<Scene.Card> cards = tables.codes().findAll().stream()
                    .map((AccessCode c) -> new Scene.Card(c.code(), c.kind(), personNames.get(c.personId()))).toList();
            List<Scene.Permission> permissions = tables.permissions().findAll().stream()
                    .map(p -> new Scene.Permission(p.code(), p.lockUid(),
                            p.stateIds().stream().filter(stateNames::containsKey).sorted().map(stateNames::get).toList()))
                    .toList();
            List<Scene.SimpleConfig> simple = tables.simpleConfigs().findAll().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .flatMap(byType -> byType.getValue().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> new Scene.SimpleConfig(byType.getKey(), stateNames.get(e.getKey()), e.getValue())))
                    .toList();
            List<Scene.Device> devices = tables.devices().findAll().stream()
                    .map(d -> new Scene.Device(d.uid(), d.type(), d.config(), d.override())).toList();
            return new Scene(Scene.FORMAT_VERSION, name, Instant.ofEpochMilli(nowMillis).toString(),
                    new Scene.Alert(current, counter), states.stream().map(Scene.State::of).toList(), devices,
                    persons, cards, permissions, simple);
        });
    }
}
