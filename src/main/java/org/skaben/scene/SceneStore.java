package org.skaben.scene;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.skaben.device.Json;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The scene table: each scene by its name, when it was saved, and its document (JSON). */
public class SceneStore {

    /** A stored scene. */
    public record Stored(String name, long savedAt, Scene scene) {
    }

    private final JdbcTemplate jdbc;

    public SceneStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Every scene, by name. */
    public List<Stored> findAll() {
        return jdbc.query("SELECT name, saved_at, document FROM scene ORDER BY name",
                (rs, n) -> new Stored(rs.getString("name"), rs.getLong("saved_at"), read(rs.getString("document"))));
    }

    public Optional<Stored> find(String name) {
        return jdbc.query("SELECT name, saved_at, document FROM scene WHERE name = ?",
                (rs, n) -> new Stored(rs.getString("name"), rs.getLong("saved_at"), read(rs.getString("document"))),
                name).stream().findFirst();
    }

    /** Stores a new scene; false when one of that name exists already (it is left as it was). */
    public boolean insert(String name, long savedAt, Scene scene) {
        try {
            return jdbc.update("INSERT INTO scene (name, saved_at, document) VALUES (?, ?, ?)", name, savedAt,
                    Json.write(scene)) == 1;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    public boolean delete(String name) {
        return jdbc.update("DELETE FROM scene WHERE name = ?", name) > 0;
    }

    private static Scene read(String document) {
        try {
            return Json.MAPPER.readValue(document, Scene.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored scene is not a scene document: " + e.getOriginalMessage(), e);
        }
    }
}
