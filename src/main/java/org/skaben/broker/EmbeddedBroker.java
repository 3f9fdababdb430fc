package org.skaben.broker;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.postoffice.QueueBinding;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.impl.QueueImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The default MQTT 5 broker: Apache ActiveMQ Artemis in this JVM, MQTT only. Devices (MQTT 3.1.1) and the
 * server's own routes (MQTT 5) connect to it side by side.
 */
public final class EmbeddedBroker {

    /**
     * The first chunk of each queue's buffer of arriving messages, in elements (Artemis's default: 8192, a 32 KB
     * array). Every device subscription is a queue of its own (two per device): with the default, 10,000 devices
     * held 650 MB of empty buffers. The buffer grows by chunks of this size in a burst.
     */
    static final int QUEUE_BUFFER = 128;

    /**
     * Every topic published to becomes an Artemis address with a paging store of its own (about 10 KB of heap),
     * kept until deleted. A device's CUP, SUP and INFO topics are used now and then: their addresses (which no
     * queue is bound to; the subscriptions are on wildcard addresses) are deleted by the broker's reaper between
     * one and two scan periods after they were created, and made again, at once, by the next publish.
     */
    static final String EVERY_ADDRESS = "#";

    /**
     * A PONG comes from every device every ping interval: deleting its address would make the broker create and
     * delete one per PONG (about 0.2 ms each), so it stays, as before (one store per device).
     */
    static final String PONG_ADDRESS = "ask.*.*.pong";

    private final String host;
    private final int port;
    private final String dataDir;
    private EmbeddedActiveMQ server;

    private final long maxMemoryBytes;
    private final BrokerSecurity security;
    private final Tls tls;
    // how often the reaper deletes unused addresses (Artemis's default: 30 s); tests shorten it
    private long addressScanMillis = 30_000;

    /** A TLS listener beside the plain one: its port and the keystore (PKCS12 or JKS) with the key and certificate. */
    public record Tls(int port, String keyStorePath, String keyStorePassword) {
    }

    /** {@code tls} may be null (no TLS listener). */
    public EmbeddedBroker(String host, int port, String dataDir, long maxMemoryBytes, BrokerSecurity security, Tls tls) {
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
        this.maxMemoryBytes = maxMemoryBytes;
        this.security = security;
        this.tls = tls;
    }

    /** The reaper's period; before {@link #start()}. */
    synchronized EmbeddedBroker addressScanPeriod(long millis) {
        this.addressScanMillis = millis;
        return this;
    }

    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        Configuration config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(true);
        if (security.aclByClientId()) {
            // every check asks BrokerSecurity: a cached answer for the shared device user would let one device
            // act under another's client id
            config.setAuthenticationCacheSize(0);
            config.setAuthorizationCacheSize(0);
        }
        config.putSecurityRoles("#", Set.of(new Role("any", true, true, true, true, true, true, false, true, true, true)));
        config.setJMXManagementEnabled(false);
        config.setName("skaben-broker");
        // a backlog beyond this (the server slower than a burst of packets) is paged to disk, not kept on the heap
        config.setGlobalMaxSize(maxMemoryBytes);
        // nothing is persisted, but Artemis may page under load: keep its files out of the database folder
        config.setPagingDirectory(dataDir + "/paging");
        config.setJournalDirectory(dataDir + "/journal");
        config.setBindingsDirectory(dataDir + "/bindings");
        config.setLargeMessagesDirectory(dataDir + "/large-messages");
        config.addAcceptorConfiguration("mqtt", "tcp://" + host + ":" + port + "?protocols=MQTT");
        if (tls != null) {
            config.addAcceptorConfiguration("mqtt-tls", "tcp://" + host + ":" + tls.port() + "?protocols=MQTT"
                    + "&sslEnabled=true&keyStorePath=" + tls.keyStorePath() + "&keyStorePassword=" + tls.keyStorePassword());
        }
        // no dead-letter or expiry address is needed for MQTT; saying so silences a warning per subscription
        // skip-usage-check: delete an auto-created address without queues although none was ever bound to it
        config.addAddressSetting(EVERY_ADDRESS, new AddressSettings().setAutoCreateDeadLetterResources(false)
                .setMaxSizeBytes(-1).setInitialQueueBufferSize(QUEUE_BUFFER)
                .setAutoDeleteAddresses(true).setAutoDeleteAddressesSkipUsageCheck(true).setAutoDeleteAddressesDelay(0));
        // the more specific match wins for this one value; the rest comes from "#"
        config.addAddressSetting(PONG_ADDRESS, new AddressSettings().setAutoDeleteAddressesSkipUsageCheck(false));
        config.setAddressQueueScanPeriod(addressScanMillis);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.setSecurityManager(security);
        broker.start();
        for (String acceptor : tls == null ? List.of("mqtt") : List.of("mqtt", "mqtt-tls")) {
            if (!broker.getActiveMQServer().getRemotingService().getAcceptor(acceptor).isStarted()) {
                broker.stop();
                throw new IllegalStateException("embedded MQTT broker could not open its " + acceptor + " listener on "
                        + host + ":" + (acceptor.equals("mqtt") ? port : tls.port()) + " (port in use? keystore?)");
            }
        }
        server = broker;
    }

    public synchronized void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null && server.getActiveMQServer().isActive();
    }

    /** Messages the broker holds for subscribers that have not taken them yet (a backlog under back-pressure). */
    public synchronized long backlog() {
        if (server == null) {
            return 0;
        }
        return server.getActiveMQServer().getPostOffice().getAllBindings()
                .filter(b -> b instanceof org.apache.activemq.artemis.core.postoffice.QueueBinding)
                .map(b -> ((org.apache.activemq.artemis.core.postoffice.QueueBinding) b).getQueue())
                // Artemis keeps its MQTT session state in $sys queues: not messages for anyone
                .filter(q -> !q.getName().toString().startsWith("$sys."))
                .mapToLong(org.apache.activemq.artemis.core.server.Queue::getMessageCount)
                .sum();
    }

    /** Each queue holding messages: its name, messages held, of which being delivered, and its consumers. */
    public synchronized java.util.List<String> queues() {
        java.util.List<String> queues = new java.util.ArrayList<>();
        if (server == null) {
            return queues;
        }
        server.getActiveMQServer().getPostOffice().getAllBindings()
                .filter(b -> b instanceof org.apache.activemq.artemis.core.postoffice.QueueBinding)
                .map(b -> ((org.apache.activemq.artemis.core.postoffice.QueueBinding) b).getQueue())
                .filter(q -> q.getMessageCount() > 0)
                .forEach(q -> queues.add(q.getName() + ": " + q.getMessageCount() + " held, "
                        + q.getDeliveringCount() + " being delivered, " + q.getConsumerCount() + " consumer(s)"));
        return queues;
    }

    /** The first chunk of each queue's buffer of arriving messages (elements), by queue name. */
    public synchronized Map<String, Integer> queueBuffers() {
        Map<String, Integer> buffers = new TreeMap<>();
        if (server == null) {
            return buffers;
        }
        server.getActiveMQServer().getPostOffice().getAllBindings()
                .filter(b -> b instanceof QueueBinding)
                .map(b -> ((QueueBinding) b).getQueue())
                .filter(q -> q instanceof QueueImpl)
                .forEach(q -> buffers.put(q.getName().toString(), ((QueueImpl) q).getInitialQueueBufferSize()));
        return buffers;
    }

    /** The broker's addresses (core notation: "lock.aabbccddeeff.cup") that have a paging store, sorted. */
    synchronized Set<String> pagingStores() {
        Set<String> stores = new TreeSet<>();
        if (server != null) {
            for (var name : server.getActiveMQServer().getPagingManager().getStoreNames()) {
                stores.add(name.toString());
            }
        }
        return stores;
    }

    /** Of those, the messages sent to addresses the test accepts ("ask.lock.x.sup"); a soak's accounting. */
    public synchronized long held(java.util.function.Predicate<String> address) {
        if (server == null) {
            return 0;
        }
        long n = 0;
        for (var binding : server.getActiveMQServer().getPostOffice().getAllBindings().toList()) {
            if (binding instanceof org.apache.activemq.artemis.core.postoffice.QueueBinding queue) {
                try (var messages = queue.getQueue().browserIterator()) {
                    while (messages.hasNext()) {
                        if (address.test(String.valueOf(messages.next().getMessage().getAddress()))) {
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
