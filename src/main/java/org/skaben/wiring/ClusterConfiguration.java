package org.skaben.wiring;

import java.sql.DriverManager;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;
import org.skaben.cluster.ChangeListener;
import org.skaben.cluster.ChangeNotices;
import org.skaben.cluster.InstanceId;
import org.skaben.cluster.InstanceMqtt;
import org.skaben.cluster.JournalPoller;
import org.skaben.cluster.PgChangeNotices;
import org.skaben.cluster.SharedSecrets;
import org.skaben.game.CacheRefresh;
import org.skaben.journal.JournalFeed;
import org.skaben.journal.JournalRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several server instances behind one broker and one PostgreSQL (skaben.cluster.* in application.properties).
 * With the cluster on: the two MQTT settings the routes read (skaben.mqtt.instance-client-id and
 * skaben.mqtt.ingress-subscription) are made this instance's before the routes are loaded (its client ids carry
 * the instance id, the ingress subscribes in the shared group); the notices that keep every instance's views of
 * the game the same ({@link ChangeNotices}, heard by a {@link ChangeListener}); the secrets they share; and the
 * reader that feeds the live journal with every instance's entries ({@link JournalPoller}). The settings that
 * refuse a cluster on one process's broker or database are checked earlier, by ClusterCheck. With the cluster
 * off none of this runs.
 */
public class ClusterConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfiguration.class);

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

    /** This instance's name: configured, or made up once per start. */
    @BindToRegistry(lazy = true)
    public InstanceId instanceId(@PropertyInject(value = "skaben.instance.id", defaultValue = "") String configured) {
        return InstanceId.of(configured);
    }

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
        String clientId = InstanceMqtt.clientIdPrefix(
                camel.resolvePropertyPlaceholders("{{skaben.mqtt.client-id}}"), instance);
        String ingress = InstanceMqtt.sharedFilter(camel.resolvePropertyPlaceholders("{{skaben.cluster.group}}"),
                camel.resolvePropertyPlaceholders("{{skaben.mqtt.ingress-topic}}"));
        PropertiesComponent properties = camel.getPropertiesComponent();
        properties.addOverrideProperty("skaben.mqtt.instance-client-id", clientId);
        properties.addOverrideProperty("skaben.mqtt.ingress-subscription", ingress);
        LOG.info("Cluster instance {}: MQTT client ids {}-*, device packets shared by the broker through {}",
                instance, clientId, ingress);
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
                poller = new JournalPoller(context.getRegistry().lookupByNameAndType("journal", JournalRepository.class),
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
