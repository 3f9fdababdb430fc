package org.skaben.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows as records (columns by their components' names) or as the one column selected. */
class RecordRowsTest {

    /** Two constructors, as Person has: the canonical one is used. */
    record Card(String code, long personId, String kind) {
        Card(String code) {
            this(code, 0, "card");
        }
    }

    @Test
    void columnsFillTheRecordsComponentsAndOneColumnIsItsValue() {
        JDBCDataSource ds = new JDBCDataSource();
        ds.setUrl("jdbc:hsqldb:mem:" + UUID.randomUUID());
        ds.setUser("SA");
        JdbcTemplate db = new JdbcTemplate(ds);
        db.execute("CREATE TABLE card (code VARCHAR(8), person_id BIGINT, kind VARCHAR(8))");
        db.update("INSERT INTO card VALUES ('A1', 7, 'code'), ('B2', 8, 'card')");
        RecordRows rows = new RecordRows();
        assertEquals(List.of(new Card("A1", 7, "code"), new Card("B2", 8, "card")),
                db.query("SELECT code, person_id, kind FROM card ORDER BY code", rows.newBeanRowMapper(Card.class)));
        assertEquals(List.of("A1", "B2"),
                db.query("SELECT code FROM card ORDER BY code", rows.newBeanRowMapper(String.class)));
        db.execute("SHUTDOWN");
    }
}
