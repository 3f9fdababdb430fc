package org.skaben.cluster;

import java.sql.Connection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A migrated schema of its own in the PostgreSQL the tests are given (-Dskaben.test.db-url=jdbc:postgresql://...,
 * -Dskaben.test.db-username), dropped at the end: what several instances share, for tests of the cluster's
 * writes. {@link #createIfConfigured} gives null without such a database, for the test to skip.
 */
public final class PostgresSchema implements AutoCloseable {

    private final String name;
    private final PGSimpleDataSource dataSource;

    private PostgresSchema(String name, PGSimpleDataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    public static PostgresSchema createIfConfigured(String name) {
        String url = System.getProperty("skaben.test.db-url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            return null;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(url);
        pg.setUser(System.getProperty("skaben.test.db-username", ""));
        pg.setPassword(System.getProperty("skaben.test.db-password", ""));
        try (Connection ignored = pg.getConnection()) {
            // reachable
        } catch (Exception e) {
            return null;
        }
        new JdbcTemplate(pg).execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        pg.setCurrentSchema(name);
        Flyway.configure().dataSource(pg).schemas(name).createSchemas(true)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
        return new PostgresSchema(name, pg);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return dataSource.getUrl();
    }

    @Override
    public void close() {
        new JdbcTemplate(dataSource).execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
}
