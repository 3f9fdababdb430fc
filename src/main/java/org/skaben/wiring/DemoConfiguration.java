package org.skaben.wiring;

import java.nio.file.Path;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.StartupListener;
import org.apache.camel.support.LifecycleStrategySupport;
import org.skaben.demo.VirtualDevices;
import org.skaben.support.StoredSecret;

/**
 * The rehearsal (skaben.demo.devices): virtual devices that connect once the server listens (its ingress route
 * starts last) and disconnect when it begins to stop, before the embedded broker goes down. They log in as
 * every device does: skaben.mqtt.device-username with the device password the broker checks (the one kept in
 * the data folder when none is configured).
 */
public class DemoConfiguration implements CamelConfiguration {

    /** Always bound, so GET /api/demo/devices answers (an empty list when the setting is empty). */
    @BindToRegistry(lazy = true)
    public VirtualDevices virtualDevices(@PropertyInject("skaben.demo.devices") String setting,
                @PropertyInject("skaben.demo.broker-url") String brokerUrl,
                @PropertyInject("skaben.mqtt.device-username") String deviceUser,
                @PropertyInject("skaben.mqtt.device-password") String devicePassword,
                @PropertyInject("skaben.mqtt.anonymous") boolean anonymous,
                @PropertyInject("skaben.data-dir") String dataDir) {
        if (setting.isBlank()) {
            return VirtualDevices.of("", new VirtualDevices.Login(brokerUrl.trim(), null, null));
        }
        VirtualDevices.Login login;
        if (!devicePassword.isBlank()) {
            login = new VirtualDevices.Login(brokerUrl.trim(), deviceUser.trim(), devicePassword.trim());
        } else if (anonymous) {
            login = new VirtualDevices.Login(brokerUrl.trim(), null, null);
        } else {
            // the one BrokerConfiguration keeps for the devices (logged there)
            String kept = StoredSecret.in(Path.of(dataDir.trim(), "device-password")).value();
            login = new VirtualDevices.Login(brokerUrl.trim(), deviceUser.trim(), kept);
        }
        return VirtualDevices.of(setting, login);
    }

    @Override
    public void configure(CamelContext camel) throws Exception {
        // asked for now, so that a wrong setting refuses the start
        VirtualDevices devices = camel.getRegistry().lookupByNameAndType("virtualDevices", VirtualDevices.class);
        if (devices.isEmpty()) {
            return;
        }
        camel.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // not yet: the routes that hear the devices may still be starting
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                devices.start();
            }
        });
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext context) {
                devices.stop();
            }
        });
    }
}
