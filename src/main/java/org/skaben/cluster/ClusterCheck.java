package org.skaben.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Refuses to start an instance of a cluster (skaben.cluster.enabled) on what only one process can use: the
 * embedded broker (each instance would have its own, and devices reach one of them) or an HSQLDB database (a
 * file one process holds). Checked before the context is configured, so nothing is started or migrated.
 */
public class ClusterCheck extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        String refusal = refusal(Boolean.parseBoolean(camel.resolvePropertyPlaceholders("{{skaben.cluster.enabled}}")),
                Boolean.parseBoolean(camel.resolvePropertyPlaceholders("{{skaben.mqtt.embedded}}")),
                camel.resolvePropertyPlaceholders("{{skaben.db.url}}"));
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }

    /** Why these settings cannot run as one instance of several, or null when they can (or the cluster is off). */
    public static String refusal(boolean clusterEnabled, boolean embeddedBroker, String dbUrl) {
        if (!clusterEnabled) {
            return null;
        }
        if (embeddedBroker) {
            return "skaben.cluster.enabled=true needs an external MQTT broker that every instance shares: set "
                    + "skaben.mqtt.embedded=false and skaben.mqtt.url";
        }
        if (dbUrl == null || !dbUrl.trim().startsWith("jdbc:postgresql:")) {
            return "skaben.cluster.enabled=true needs a PostgreSQL database that every instance shares: set "
                    + "skaben.db.url=jdbc:postgresql://host:5432/skaben (not " + dbUrl + ")";
        }
        return null;
    }
}
