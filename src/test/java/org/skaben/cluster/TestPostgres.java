package org.skaben.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one way a test gets PostgreSQL: a schema of the test class's own, migrated as the server does, dropped after
 * the class (what one class leaves, say an alert state, never reaches another). The server is the one given by
 * -Dskaben.test.db-url=jdbc:postgresql://... (-Dskaben.test.db-username, -Dskaben.test.db-password), else a
 * private one started once for the test JVM from Debian's programs in target/test-postgres. With neither, a test
 * that asks for it is skipped with the reason, or fails under -Dskaben.test.cluster=required (.ci/run).
 * In the test class: {@code @RegisterExtension static final TestPostgres POSTGRES = new TestPostgres(ThisTest.class);}
 */
public final class TestPostgres implements AfterAllCallback {

    private static Server server;

    private final String schema;
    private String url;

    public TestPostgres(Class<?> testClass) {
        schema = "test_" + testClass.getSimpleName().toLowerCase(Locale.ROOT);
        if (!schema.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
    }

    /** Where the tests' PostgreSQL runs, and who they are there. */
    private record Server(String url, String username, String password) {
    }

    private static String configuredUrl() {
        return System.getProperty("skaben.test.db-url", "");
    }

    /** What this machine lacks for a test to get PostgreSQL: empty when it has all. */
    static List<String> missing() {
        if (configuredUrl().startsWith("jdbc:postgresql:") || PrivatePostgres.binaries().isPresent()) {
            return List.of();
        }
        return List.of("PostgreSQL: -Dskaben.test.db-url=jdbc:postgresql://... or initdb and pg_ctl in "
                + "/usr/lib/postgresql/*/bin (apt-get install postgresql)");
    }

    public static boolean available() {
        return missing().isEmpty();
    }

    /** Skips the test with the reason when there is no PostgreSQL for it, or fails it when the tests require one. */
    public static void check() {
        ClusterPrerequisites.skipOrFail(missing());
    }

    /** The given server, else the private one, started on the first call. */
    private static synchronized Server server() throws Exception {
        if (server == null) {
            if (configuredUrl().startsWith("jdbc:postgresql:")) {
                server = new Server(configuredUrl(), System.getProperty("skaben.test.db-username", ""),
                        System.getProperty("skaben.test.db-password", ""));
            } else {
                PrivatePostgres started = PrivatePostgres.start(Path.of("target", "test-postgres"));
                server = new Server(started.url(), PrivatePostgres.USER, "");
            }
        }
        return server;
    }

    /** The JDBC URL of the class's schema, created (anew) and migrated on the first call. */
    public synchronized String url() {
        check();
        if (url == null) {
            try {
                try (Connection c = DriverManager.getConnection(server().url(), properties("skaben-test-setup"));
                     Statement s = c.createStatement()) {
                    // a run that died before its end left it behind
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    s.execute("CREATE SCHEMA " + schema);
                }
                String base = server().url();
                String withSchema = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
                Flyway.configure().dataSource(withSchema, username(), password()).schemas(schema)
                        .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
                url = withSchema;
            } catch (Exception e) {
                throw new IllegalStateException("no PostgreSQL schema " + schema + " for the test", e);
            }
        }
        return url;
    }

    public String username() {
        return serverOrFail().username();
    }

    public String password() {
        return serverOrFail().password();
    }

    private static Server serverOrFail() {
        check();
        try {
            return server();
        } catch (Exception e) {
            throw new IllegalStateException("the tests' PostgreSQL did not start", e);
        }
    }

    /** The server's database settings for this schema: for a server a test starts. */
    public Map<String, String> serverSettings() {
        return Map.of("skaben.db.url", url(), "skaben.db.username", username(), "skaben.db.password", password());
    }

    /** Connections on demand, no pool: for code under test that takes a DataSource. */
    public DataSource dataSource() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(url());
        pg.setUser(username());
        pg.setPassword(password());
        return pg;
    }

    /** A small pool of its own (an instance's), for the caller to close. */
    public HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        config.setUsername(username());
        config.setPassword(password());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    /** A connection of its own, named so that a test can find its backend in pg_stat_activity. */
    public Connection connect(String applicationName) throws SQLException {
        return DriverManager.getConnection(url(), properties(applicationName));
    }

    private Properties properties(String applicationName) {
        Properties props = new Properties();
        props.setProperty("user", username());
        props.setProperty("password", password());
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", "3");
        return props;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        if (url != null) {
            try (Connection c = DriverManager.getConnection(server().url(), properties("skaben-test-setup"));
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
            url = null;
        }
    }
}
