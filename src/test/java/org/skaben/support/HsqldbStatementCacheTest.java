package org.skaben.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.hsqldb.jdbc.JDBCDataSource;
import org.hsqldb.jdbc.JDBCPreparedStatement;
import org.junit.jupiter.api.Test;

class HsqldbStatementCacheTest {

    private static final String INSERT = "INSERT INTO t (a) VALUES (?)";

    private static <T extends JDBCDataSource> T database(T dataSource) {
        dataSource.setUrl("jdbc:hsqldb:mem:cache-" + System.nanoTime());
        dataSource.setUser("SA");
        return dataSource;
    }

    /** The id HSQLDB gave the compiled statement behind a prepared statement: the same id, the same compilation. */
    private static long compiledId(PreparedStatement statement) throws Exception {
        Field id = JDBCPreparedStatement.class.getDeclaredField("statementID");
        id.setAccessible(true);
        return id.getLong(statement.unwrap(JDBCPreparedStatement.class));
    }

    private static long prepareUseAndClose(Connection connection, int value) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setInt(1, value);
            insert.executeUpdate();
            return compiledId(insert);
        }
    }

    private static int count(Connection connection) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void withoutItHsqldbCompilesAClosedStatementAgain() throws Exception {
        try (Connection connection = database(new JDBCDataSource()).getConnection()) {
            connection.createStatement().execute("CREATE TABLE t (a INT)");
            assertNotEquals(prepareUseAndClose(connection, 1), prepareUseAndClose(connection, 2));
        }
    }

    @Test
    void theSameSqlIsCompiledOncePerConnection() throws Exception {
        try (Connection connection = database(new HsqldbStatementCache()).getConnection()) {
            connection.createStatement().execute("CREATE TABLE t (a INT)");
            long first = prepareUseAndClose(connection, 1);
            assertEquals(first, prepareUseAndClose(connection, 2));
            assertEquals(first, prepareUseAndClose(connection, 3));
            assertEquals(3, count(connection));
        }
    }

    @Test
    void aSchemaChangeCompilesTheStatementAgain() throws Exception {
        try (Connection connection = database(new HsqldbStatementCache()).getConnection()) {
            connection.createStatement().execute("CREATE TABLE t (a INT)");
            long before = prepareUseAndClose(connection, 1);
            connection.createStatement().execute("ALTER TABLE t ADD COLUMN b INT DEFAULT 7");
            assertNotEquals(before, prepareUseAndClose(connection, 2));
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT SUM(b) FROM t")) {
                rs.next();
                assertEquals(14, rs.getInt(1));
            }
        }
    }

    @Test
    void moreDistinctStatementsThanItKeepsStillWork() throws Exception {
        try (Connection connection = database(new HsqldbStatementCache()).getConnection()) {
            connection.createStatement().execute("CREATE TABLE t (a INT)");
            for (int i = 0; i < HsqldbStatementCache.MAX_PER_CONNECTION + 50; i++) {
                // a distinct SQL text each time
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (a) VALUES (?  + " + i + ")")) {
                    insert.setInt(1, 0);
                    insert.executeUpdate();
                }
            }
            assertEquals(HsqldbStatementCache.MAX_PER_CONNECTION + 50, count(connection));
        }
    }
}
