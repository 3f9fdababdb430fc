package org.skaben.cluster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The event journal both servers write, read straight from the tests' PostgreSQL. */
final class SharedJournal {

    private final TestPostgres postgres;

    SharedJournal(TestPostgres postgres) {
        this.postgres = postgres;
    }

    /** The id of the newest entry: entries after it are what a test step caused. */
    long mark() throws SQLException {
        return details("SELECT COALESCE(MAX(id), 0)::text FROM event", List.of()).stream()
                .mapToLong(Long::parseLong).findFirst().orElseThrow();
    }

    /** The details of the entries of this kind for these devices after the mark, oldest first. */
    List<String> details(String kind, Collection<String> uids, long mark) throws SQLException {
        return details("SELECT detail FROM event WHERE kind = ? AND uid = ANY(?) AND id > ? ORDER BY id",
                List.of(kind, uids, mark));
    }

    private List<String> details(String sql, List<Object> parameters) throws SQLException {
        try (Connection c = postgres.connect("skaben-test-journal"); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object p = parameters.get(i);
                if (p instanceof Collection<?> many) {
                    Array array = c.createArrayOf("varchar", many.toArray());
                    s.setArray(i + 1, array);
                } else {
                    s.setObject(i + 1, p);
                }
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1));
                }
            }
            return rows;
        }
    }
}
