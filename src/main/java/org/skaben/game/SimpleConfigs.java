package org.skaben.game;

import java.util.Map;
import java.util.Optional;
import org.skaben.cluster.ChangeNotices;

/**
 * What each simple type is sent in each alert state, kept in memory (every CUP of a simple type reads it). The
 * operator API's route writes the table and has it read again ({@link CacheRefresh}), as does a scene restore.
 */
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
}
