package org.skaben.wiring;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.skaben.cluster.InstanceId;

/** Several server instances behind one broker and one PostgreSQL (skaben.cluster.* in application.properties). */
public class ClusterConfiguration implements CamelConfiguration {

    /** This instance's name: configured, or made up once per start. */
    @BindToRegistry(lazy = true)
    public InstanceId instanceId(@PropertyInject(value = "skaben.instance.id", defaultValue = "") String configured) {
        return InstanceId.of(configured);
    }
}
