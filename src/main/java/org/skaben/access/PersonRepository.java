package org.skaben.access;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The person table. */
public class PersonRepository {

    private static final RowMapper<Person> ROW = (rs, n) -> new Person(rs.getLong("id"), rs.getString("name"),
            rs.getString("role"));

    private final JdbcTemplate jdbc;

    public PersonRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public List<Person> findAll() {
        return jdbc.query("SELECT id, name, role FROM person ORDER BY id", ROW);
    }

    public Optional<Person> find(long id) {
        return jdbc.query("SELECT id, name, role FROM person WHERE id = ?", ROW, id).stream().findFirst();
    }

    public Optional<Person> findByName(String name) {
        return jdbc.query("SELECT id, name, role FROM person WHERE name = ?", ROW, name).stream().findFirst();
    }

    public long insert(String name, String role) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("INSERT INTO person (name, role) VALUES (?, ?)", new String[] {"id"});
            ps.setString(1, name);
            ps.setString(2, role);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    public void update(Person p) {
        jdbc.update("UPDATE person SET name = ?, role = ? WHERE id = ?", p.name(), p.role(), p.id());
    }

    public void delete(long id) {
        jdbc.update("DELETE FROM person WHERE id = ?", id);
    }
}
