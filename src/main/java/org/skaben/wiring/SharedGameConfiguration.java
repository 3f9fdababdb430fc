package org.skaben.wiring;

import java.sql.DriverManager;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.LifecycleStrategySupport;
import org.skaben.api.JournalCatchUp;
import org.skaben.cluster.ChangeListener;
import org.skaben.cluster.ChangeNotices;
import org.skaben.cluster.InstanceId;
import org.skaben.cluster.JournalIds;
import org.skaben.cluster.JournalPoller;
import org.skaben.cluster.PgChangeNotices;
import org.skaben.cluster.SharedSecrets;
import org.skaben.game.CacheRefresh;
import org.skaben.journal.JournalFeed;

/**
 * Every instance of a cluster sees the same game: the notices that keep every instance's views of the game the
 * same ({@link ChangeNotices}, heard by a {@link ChangeListener}), the secrets they share, and the reader that
 * feeds the live journal with every instance's entries ({@link JournalPoller}). With the cluster off none of this
 * runs (the notices go nowhere).
 */
public class SharedGameConfiguration implements CamelConfiguration {

    @PropertyInject("skaben.cluster.enabled")
    boolean clusterEnabled;
    @PropertyInject("skaben.db.url")
    String dbUrl;
    @PropertyInject("skaben.db.username")
    String dbUsername;
    @PropertyInject("skaben.db.password")
    String dbPassword;
    @PropertyInject("skaben.cluster.journal-poll-millis")
    long journalPollMillis;
    @PropertyInject("skaben.cluster.journal-gap-millis")
    long journalGapMillis;

    private volatile ChangeListener listener;
    private volatile JournalPoller poller;

    /** How the views tell the other instances of a change: NOTIFY in PostgreSQL, or nobody (one server). */
    @BindToRegistry(lazy = true)
    public ChangeNotices changeNotices(@BeanInject("dataSource") DataSource dataSource,
                @BeanInject("instanceId") InstanceId instance) {
        return clusterEnabled ? new PgChangeNotices(dataSource, instance) : ChangeNotices.NONE;
    }

    /** The secrets every instance shares (the API token and session key none was configured for). */
    @BindToRegistry(lazy = true)
    public SharedSecrets sharedSecrets(@BeanInject("dataSource") DataSource dataSource) {
        return new SharedSecrets(dataSource);
    }

    @Override
    public void configure(CamelContext camel) {
        if (!clusterEnabled) {
            return;
        }
        InstanceId instance = camel.getRegistry().lookupByNameAndType("instanceId", InstanceId.class);
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStarted(CamelContext context) {
                CacheRefresh views = context.getRegistry().lookupByNameAndType("cacheRefresh", CacheRefresh.class);
                // a connection of its own, outside the pool: LISTEN belongs to one session for as long as it runs
                Properties login = new Properties();
                login.setProperty("user", dbUsername);
                login.setProperty("password", dbPassword);
                // found by its name in pg_stat_activity
                login.setProperty("ApplicationName", "skaben-changes-" + instance.value());
                listener = new ChangeListener(() -> DriverManager.getConnection(dbUrl.trim(), login), instance, views);
                listener.start();
                DataSource dataSource = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
                poller = new JournalPoller(new JournalIds(dataSource),
                        JournalCatchUp.through(context.createProducerTemplate()),
                        context.getRegistry().lookupByNameAndType("journalFeed", JournalFeed.class),
                        journalPollMillis, journalGapMillis, System::currentTimeMillis);
                poller.start();
            }

            @Override
            public void onContextStopping(CamelContext context) {
                if (listener != null) {
                    listener.close();
                }
                if (poller != null) {
                    poller.close();
                }
            }
        });
    }
}
