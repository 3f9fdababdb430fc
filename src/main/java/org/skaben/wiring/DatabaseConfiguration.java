package org.skaben.wiring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.LifecycleStrategySupport;
import org.flywaydb.core.Flyway;
import org.skaben.cluster.ClockCheck;
import org.skaben.journal.JournalWriter;
import org.skaben.protocol.ServerClock;
import org.skaben.protocol.ServerClockRepository;
import org.skaben.support.HsqldbStatementCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: the pool (migrated by Flyway before anything uses it), and the two beans that keep writing
 * to it from threads of their own, the journal's writer and the server clock. After the routes have stopped,
 * they write what they hold, then the pool closes.
 */
public class DatabaseConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConfiguration.class);

    // what this class made (a test may have replaced any of them), to be closed in order at the end
    private volatile HikariDataSource pool;
    private volatile JournalWriter journalWriter;
    private volatile ServerClock serverClock;

    /** The pool every repository and every {@code sql:} step uses; skaben.db.migrate=false leaves the schema alone. */
    @BindToRegistry(lazy = true)
    public HikariDataSource dataSource(@PropertyInject("skaben.db.url") String url,
                @PropertyInject("skaben.db.username") String username,
                @PropertyInject("skaben.db.password") String password,
                @PropertyInject("skaben.db.pool-size") int poolSize,
                @PropertyInject("skaben.db.connection-timeout-millis") int connectionTimeout,
                @PropertyInject(value = "skaben.db.allow-suspension", defaultValue = "false") boolean allowSuspension,
                @PropertyInject("skaben.db.migrate") boolean migrate) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("skaben-db");
        if (url.startsWith("jdbc:hsqldb:")) {
            HsqldbStatementCache hsqldb = new HsqldbStatementCache();
            hsqldb.setUrl(url);
            hsqldb.setUser(username);
            hsqldb.setPassword(password);
            config.setDataSource(hsqldb);
        } else {
            config.setJdbcUrl(url);
            config.setUsername(username);
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(connectionTimeout);
        // only a test stalls the pool on purpose (HikariPoolMXBean.suspendPool)
        config.setAllowPoolSuspension(allowSuspension);
        pool = new HikariDataSource(config);
        if (migrate) {
            // db/migration for every database, db/vendor/<hsqldb|postgresql> (from jdbc:<vendor>:) for what
            // only one does
            Flyway.configure().dataSource(pool)
                    .locations("classpath:db/migration", "classpath:db/vendor/" + url.split(":")[1])
                    .load().migrate();
        }
        return pool;
    }

    /** One queue, one thread, one commit per batch: the journal's entries and the task ids before them. */
    @BindToRegistry(lazy = true)
    public JournalWriter journalWriter(@BeanInject("dataSource") DataSource dataSource,
                @PropertyInject("skaben.journal.max-batch") int maxBatch,
                @PropertyInject("skaben.journal.queue-size") int queueSize) {
        journalWriter = new JournalWriter(dataSource, maxBatch, queueSize);
        return journalWriter;
    }

    /**
     * Server time: never below the last timestamp sent, across restarts (its mark is kept in the database), and
     * across a change of leader in a cluster (the mark is shared).
     */
    @BindToRegistry(lazy = true)
    public ServerClock serverClock(@BeanInject("dataSource") DataSource dataSource,
                @PropertyInject("skaben.clock.wall-offset-seconds") int wallOffsetSeconds,
                @PropertyInject("skaben.cluster.enabled") boolean cluster) {
        if (wallOffsetSeconds != 0) {
            LOG.warn("The wall clock is taken as the system clock {} s (skaben.clock.wall-offset-seconds)",
                    String.format("%+d", wallOffsetSeconds));
        }
        Clock wall = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(wallOffsetSeconds));
        if (cluster) {
            // every instance counts from the database's clock: a CUP of one instance is then never older than
            // the PING another sent just before (a device drops what is older than the last timestamp it stored)
            wall = ClockCheck.databaseClock(wall, new ServerClockRepository(dataSource)::databaseMillis);
            serverClock = ServerClock.shared(wall, new ServerClockRepository(dataSource, true));
        } else {
            serverClock = ServerClock.start(wall, new ServerClockRepository(dataSource));
        }
        return serverClock;
    }

    @Override
    public void configure(CamelContext camel) {
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                // after the routes: the journal writes what is queued and the clock stores the last timestamp
                // it handed out, before the pool closes
                if (journalWriter != null) {
                    journalWriter.close();
                }
                if (serverClock != null) {
                    serverClock.close();
                }
                if (pool != null) {
                    pool.close();
                }
            }
        });
    }
}
