package org.skaben.scene;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.skaben.access.AccessBook;
import org.skaben.access.AccessCode;
import org.skaben.access.Permission;
import org.skaben.access.Person;
import org.skaben.device.ConfigHasher;
import org.skaben.device.Device;
import org.skaben.device.DeviceType;
import org.skaben.game.Broadcaster;
import org.skaben.game.GameRefused;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a scene's setup in place of the game's, in one transaction: every table a scene holds is rewritten, or
 * none is. Then every view is read again and every device gets its config as at a start (an automatic CUP: a
 * device under override, in the scene or not, gets none).
 *
 * <p>A device registered after the scene was saved is left as it is (config, override, and its permissions
 * for cards the scene has) and listed in the answer. Persons are matched by name and keep their ids; the
 * person "unknown" (the owner of cards registered in white) is never removed. The counter's history keeps
 * its rows and gains one for the restore. Rules do not run on a restore: the scene already holds what they
 * had decided when it was saved.
 */
public class SceneRestore {

    /** What a restore did. */
    public record Restored(String scene, String state, int counter, int devices,
                           @JsonProperty("not_in_scene") List<String> notInScene,
                           @JsonProperty("under_override") List<String> underOverride,
                           @JsonProperty("permissions_dropped") int permissionsDropped) {
    }

    private final SceneTables tables;
    private final GameCaches caches;
    private final Broadcaster broadcaster;
    private final String lockType;
    private final TransactionTemplate tx;

    public SceneRestore(SceneTables tables, GameCaches caches, Broadcaster broadcaster, String lockType) {
        this.tables = tables;
        this.caches = caches;
        this.broadcaster = broadcaster;
        this.lockType = lockType;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(tables.dataSource()));
    }

    /** What would keep the scene from being restored here: each problem by its JSON path (empty: none). */
    public List<String> problems(Scene scene) {
        Function<String, java.util.Optional<Boolean>> smart = type -> caches.registry().type(type).map(DeviceType::smart);
        return scene.problems(smart, lockType);
    }

    /** Restores the scene; 409 when it cannot be restored on this server now (nothing is changed then). */
    public Restored restore(Scene scene, String source) {
        String reason = "scene '" + scene.name() + "' restored";
        Restored restored = caches.rewriting(() -> {
            List<String> problems = problems(scene);
            if (!problems.isEmpty()) {
                throw new GameRefused(409, "scene '" + scene.name() + "' cannot be restored on this server: "
                        + problems.get(0));
            }
            return tx.execute(status -> write(scene, reason, source));
        });
        // the views are fresh: each device of an active type gets its config, each simple type its broadcast
        for (String type : caches.registry().activeTypeNames()) {
            broadcaster.pushType(type, reason, source);
        }
        return restored;
    }

    private Restored write(Scene scene, String reason, String source) {
        long now = System.currentTimeMillis();
        Map<String, Device> before = tables.devices().findAll().stream()
                .collect(Collectors.toMap(Device::uid, d -> d));
        Set<String> inScene = scene.devices().stream().map(Scene.Device::uid).collect(Collectors.toSet());
        for (Scene.Device d : scene.devices()) {
            Device old = before.get(d.uid());
            if (old != null && !old.type().equals(d.type())) {
                throw new GameRefused(409, "device " + d.uid() + " is a " + old.type() + " now, a " + d.type()
                        + " in scene '" + scene.name() + "'");
            }
        }
        List<String> notInScene = before.keySet().stream().filter(uid -> !inScene.contains(uid)).sorted().toList();
        List<Permission> theirs = tables.permissions().findAll().stream()
                .filter(p -> !inScene.contains(p.lockUid())).toList();

        tables.permissions().deleteAll();
        tables.codes().deleteAll();
        tables.simpleConfigs().deleteAll();

        int currentId = scene.stateId(scene.alert().state()).orElseThrow();
        tables.alert().replaceStates(scene.states().stream().map(Scene.State::toAlertState).toList(), currentId);
        tables.alert().recordCounter(scene.alert().counter(), currentId, now, reason, source);

        Map<String, Long> personIds = persons(scene);
        for (Scene.Card c : scene.cards()) {
            tables.codes().insert(new AccessCode(c.code(), personIds.get(c.person()), c.kind()));
        }

        for (Scene.Device d : scene.devices()) {
            Device old = before.get(d.uid());
            Map<String, Object> config = d.config();
            if (old == null) {
                tables.devices().insert(new Device(d.uid(), d.type(), config, Map.of(), ConfigHasher.hash(config),
                        null, d.override(), now));
            } else {
                tables.devices().update(new Device(d.uid(), d.type(), config, old.reportedState(),
                        ConfigHasher.hash(config), old.lastSeen(), d.override(), old.registeredAt()));
            }
        }

        for (Scene.Permission p : scene.permissions()) {
            tables.permissions().insert(p.card(), p.lock(), new TreeSet<>(p.states().stream()
                    .map(s -> scene.stateId(s).orElseThrow()).toList()).stream().toList());
        }
        // a lock the scene does not know keeps its permissions for the cards and states the scene has
        Set<String> codes = scene.cards().stream().map(Scene.Card::code).collect(Collectors.toSet());
        Set<Integer> stateIds = scene.states().stream().map(Scene.State::id).collect(Collectors.toSet());
        int dropped = 0;
        for (Permission p : theirs) {
            List<Integer> states = p.stateIds().stream().filter(stateIds::contains).toList();
            if (codes.contains(p.code()) && !states.isEmpty()) {
                tables.permissions().insert(p.code(), p.lockUid(), states);
            } else {
                dropped++;
            }
        }

        for (Scene.SimpleConfig c : scene.simpleConfigs()) {
            tables.simpleConfigs().save(c.type(), scene.stateId(c.state()).orElseThrow(), c.config());
        }

        List<String> underOverride = new ArrayList<>();
        scene.devices().stream().filter(Scene.Device::override).forEach(d -> underOverride.add(d.uid()));
        notInScene.stream().filter(uid -> before.get(uid).override()).forEach(underOverride::add);
        underOverride.sort(String::compareTo);
        return new Restored(scene.name(), scene.alert().state(), scene.alert().counter(), scene.devices().size(),
                notInScene, underOverride, dropped);
    }

    /** The scene's persons by name, keeping the ids of those there already; the others are removed. */
    private Map<String, Long> persons(Scene scene) {
        Map<String, Person> before = new HashMap<>();
        tables.persons().findAll().forEach(p -> before.put(p.name(), p));
        Map<String, Long> ids = new HashMap<>();
        for (Scene.Person p : scene.persons()) {
            Person old = before.remove(p.name());
            if (old == null) {
                ids.put(p.name(), tables.persons().insert(p.name(), p.role(), p.descriptionOrEmpty()));
            } else {
                if (!old.role().equals(p.role()) || !p.descriptionOrEmpty().equals(old.description() == null ? "" : old.description())) {
                    tables.persons().update(new Person(old.id(), p.name(), p.role(), p.descriptionOrEmpty()));
                }
                ids.put(p.name(), old.id());
            }
        }
        before.values().stream().filter(p -> !AccessBook.UNKNOWN_OWNER.equals(p.name()))
                .forEach(p -> tables.persons().delete(p.id()));
        return ids;
    }
}
