package org.skaben.game;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.skaben.access.AccessBook;
import org.skaben.access.AccessCode;
import org.skaben.access.AccessCodeRepository;
import org.skaben.access.PermissionRepository;
import org.skaben.access.PersonRepository;
import org.skaben.cup.ConfigComposer;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceRepository;
import org.skaben.device.DeviceTypeRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * For unit tests of what acts on the game: the game's state on a fresh in-memory database, built as the wiring
 * builds it, and a {@link #recorder} that notes in {@link #sent} what the game would broadcast.
 */
public abstract class GameOnDatabase {

    protected JDBCDataSource ds;
    protected JdbcTemplate db;
    protected GameVersion version;
    protected Alert alert;
    protected AccessBook access;
    protected SimpleConfigs simple;
    protected DeviceRegistry registry;
    protected ConfigComposer composer;
    protected final List<String> sent = new ArrayList<>();
    protected final Broadcaster recorder = new Broadcaster() {
        @Override
        public void alertChanged(AlertChange change) {
            sent.add((change.broadcast() ? "all: " : "scale: ") + change.current().name() + " " + change.counterAfter());
        }

        @Override
        public void pushDevices(Collection<String> uids, String reason, String source, boolean manual) {
            uids.forEach(uid -> sent.add("device " + uid));
        }

        @Override
        public void pushType(String type, String reason, String source) {
            sent.add("type " + type);
        }
    };

    /** A database at {@code url} migrated from these Flyway locations, and the game on it. */
    protected void startGame(String url, String... migrations) {
        ds = new JDBCDataSource();
        ds.setUrl(url);
        ds.setUser("SA");
        Flyway.configure().dataSource(ds).locations(migrations).load().migrate();
        db = new JdbcTemplate(ds);
        version = new GameVersion();
        alert = new Alert(new AlertRepository(ds), version);
        access = new AccessBook(new PersonRepository(ds), new AccessCodeRepository(ds), new PermissionRepository(ds), version);
        simple = new SimpleConfigs(new SimpleConfigRepository(ds), version);
        registry = new DeviceRegistry(new DeviceRepository(ds), new DeviceTypeRepository(ds), true);
        composer = new ConfigComposer(registry, alert, access, simple, version, "lock", "scl");
    }

    // --- access rows, written as the operator API's sql: steps write them, then the view re-read ------------

    /** A person with no description; returns the id. */
    protected long person(String name, String role) {
        new PersonRepository(ds).insert(name, role, "");
        access.reload();
        return personId(name);
    }

    protected long personId(String name) {
        return db.queryForObject("SELECT id FROM person WHERE name = ?", Long.class, name);
    }

    /** A card of the person named. */
    protected void card(String code, String person) {
        new AccessCodeRepository(ds).insert(new AccessCode(code, personId(person), "card"));
        access.reload();
    }

    protected void permission(String code, String lockUid, List<Integer> stateIds) {
        new PermissionRepository(ds).insert(code, lockUid, stateIds);
        access.reload();
    }

    /** A card and (ON DELETE CASCADE) its permissions. */
    protected void deleteCard(String code) {
        db.update("DELETE FROM access_code WHERE code = ?", code);
        access.reload();
    }

    /** A simple type's config written as the operator API's route writes it: the row, then the view reads it. */
    protected void saveSimpleConfig(String type, int stateId, Map<String, Object> config) {
        new SimpleConfigRepository(ds).save(type, stateId, config);
        simple.reload();
    }
}
