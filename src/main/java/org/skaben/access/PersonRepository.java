package org.skaben.access;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The person table, for what stays Java (see {@link AccessBook}): the access view's reload, the CSV import
 * (one transaction over many rows, {@link #inTransaction}) and a scene restored (one transaction over every
 * table). The operator API reads and writes persons through sql: steps (api/AccessRoutes).
 */
public class PersonRepository {

    private static final String COLUMNS = "id, name, role, description";
    private static final RowMapper<Person> ROW = (rs, n) -> new Person(rs.getLong("id"), rs.getString("name"),
            rs.getString("role"), rs.getString("description"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public PersonRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public List<Person> findAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM person ORDER BY id", ROW);
    }

    public Optional<Person> findByName(String name) {
        return jdbc.query("SELECT " + COLUMNS + " FROM person WHERE name = ?", ROW, name).stream().findFirst();
    }

    public long insert(String name, String role, String description) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("INSERT INTO person (name, role, description) VALUES (?, ?, ?)",
                    new String[] {"id"});
            ps.setString(1, name);
            ps.setString(2, role);
            ps.setString(3, description);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    public void update(Person p) {
        jdbc.update("UPDATE person SET name = ?, role = ?, description = ? WHERE id = ?", p.name(), p.role(),
                p.description(), p.id());
    }

    public void delete(long id) {
        jdbc.update("DELETE FROM person WHERE id = ?", id);
    }

    /** Runs the work in one transaction: persons and their codes imported together, all or nothing. */
    public void inTransaction(Runnable work) {
        tx.executeWithoutResult(status -> work.run());
    }
}
