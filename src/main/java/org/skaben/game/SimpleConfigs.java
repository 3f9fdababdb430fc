package org.skaben.game;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.skaben.cluster.ChangeNotices;

/** What each simple type is sent in each alert state, kept in memory and written through. */
public class SimpleConfigs {

    private final SimpleConfigRepository repository;
    private final GameVersion version;
    // the other server instances, told of each config saved or deleted
    private final ChangeNotices notices;
    private volatile Map<String, Map<Integer, Map<String, Object>>> configs;

    public SimpleConfigs(SimpleConfigRepository repository, GameVersion version) {
        this(repository, version, ChangeNotices.NONE);
    }

    public SimpleConfigs(SimpleConfigRepository repository, GameVersion version, ChangeNotices notices) {
        this.notices = notices;
        this.repository = repository;
        this.version = version;
        this.configs = repository.findAll();
    }

    /** Re-reads every config: the database was changed behind it (a scene restored, another server instance). */
    public synchronized void reload() {
        configs = repository.findAll();
        version.bump();
    }

    public Optional<Map<String, Object>> find(String type, int stateId) {
        return Optional.ofNullable(configs.getOrDefault(type, Map.of()).get(stateId));
    }

    public synchronized void save(String type, int stateId, Map<String, Object> config) {
        repository.save(type, stateId, config);
        Map<String, Map<Integer, Map<String, Object>>> next = copy();
        next.computeIfAbsent(type, k -> new HashMap<>()).put(stateId, Collections.unmodifiableMap(new LinkedHashMap<>(config)));
        configs = next;
        version.bump();
        notices.changed(ChangeNotices.SIMPLE_CONFIGS);
    }

    public synchronized boolean delete(String type, int stateId) {
        boolean deleted = repository.delete(type, stateId);
        Map<String, Map<Integer, Map<String, Object>>> next = copy();
        next.getOrDefault(type, new HashMap<>()).remove(stateId);
        configs = next;
        version.bump();
        notices.changed(ChangeNotices.SIMPLE_CONFIGS);
        return deleted;
    }

    private Map<String, Map<Integer, Map<String, Object>>> copy() {
        Map<String, Map<Integer, Map<String, Object>>> copy = new HashMap<>();
        configs.forEach((type, byState) -> copy.put(type, new HashMap<>(byState)));
        return copy;
    }
}
