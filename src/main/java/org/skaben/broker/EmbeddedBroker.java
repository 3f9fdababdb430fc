package org.skaben.broker;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The default MQTT 5 broker: Apache ActiveMQ Artemis in this JVM, MQTT only. Devices (MQTT 3.1.1) and the
 * server's own routes (MQTT 5) connect to it side by side.
 */
public final class EmbeddedBroker {

    private final String host;
    private final int port;
    private final String dataDir;
    private EmbeddedActiveMQ server;

    private final long maxMemoryBytes;

    public EmbeddedBroker(String host, int port, String dataDir, long maxMemoryBytes) {
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
        this.maxMemoryBytes = maxMemoryBytes;
    }

    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        Configuration config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
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
        // no dead-letter or expiry address is needed for MQTT; saying so silences a warning per subscription
        config.addAddressSetting("#", new AddressSettings().setAutoCreateDeadLetterResources(false)
                .setMaxSizeBytes(-1));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        if (!broker.getActiveMQServer().getRemotingService().getAcceptor("mqtt").isStarted()) {
            broker.stop();
            throw new IllegalStateException("embedded MQTT broker could not listen on " + host + ":" + port
                    + " (port in use?)");
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

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
