package org.skaben.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL the cluster tests run on: -Dskaben.test.db-url=jdbc:postgresql://... (the same setting that runs
 * the application tests on PostgreSQL), -Dskaben.test.db-username, -Dskaben.test.db-password. A test class
 * without one, or whose database does not answer, is skipped ({@code @EnabledIf(TestPostgres.REACHABLE)}).
 */
public final class TestPostgres {

    /** For {@code @EnabledIf}. */
    public static final String REACHABLE = "org.skaben.cluster.TestPostgres#reachable";

    private TestPostgres() {
    }

    public static String url() {
        return System.getProperty("skaben.test.db-url", "");
    }

    public static String username() {
        return System.getProperty("skaben.test.db-username", "");
    }

    public static String password() {
        return System.getProperty("skaben.test.db-password", "");
    }

    public static boolean reachable() {
        if (!url().startsWith("jdbc:postgresql:")) {
            return false;
        }
        try (Connection c = connect("skaben-test-probe")) {
            return c.isValid(2);
        } catch (SQLException unreachable) {
            return false;
        }
    }

    /** A connection of its own, named so that a test can find its backend in pg_stat_activity. */
    public static Connection connect(String applicationName) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username());
        props.setProperty("password", password());
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(url(), props);
    }

    /** A small pool on the test database, its schema migrated as the server does. */
    public static HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        config.setUsername(username());
        config.setPassword(password());
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .load().migrate();
        return pool;
    }
}
