package org.skaben.access;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The access_code table, for what stays Java (see {@link AccessBook}): the access view's reload, a card
 * registered in white (a rule's write on the packet path), the CSV import and a scene restored (each one
 * transaction over many rows). The operator API reads and writes cards through sql: steps (api/AccessRoutes).
 */
public class AccessCodeRepository {

    private static final RowMapper<AccessCode> ROW = (rs, n) -> new AccessCode(rs.getString("code"),
            rs.getLong("person_id"), rs.getString("kind"));

    private final JdbcTemplate jdbc;

    public AccessCodeRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public List<AccessCode> findAll() {
        return jdbc.query("SELECT code, person_id, kind FROM access_code ORDER BY code", ROW);
    }

    public Optional<AccessCode> find(String code) {
        return jdbc.query("SELECT code, person_id, kind FROM access_code WHERE code = ?", ROW, code).stream().findFirst();
    }

    public void insert(AccessCode c) {
        jdbc.update("INSERT INTO access_code (code, person_id, kind) VALUES (?, ?, ?)", c.code(), c.personId(), c.kind());
    }

    public void update(AccessCode c) {
        jdbc.update("UPDATE access_code SET person_id = ?, kind = ? WHERE code = ?", c.personId(), c.kind(), c.code());
    }

    /** Every code, and so every permission (a scene restored puts its own in their place). */
    public void deleteAll() {
        jdbc.update("DELETE FROM access_code");
    }
}
