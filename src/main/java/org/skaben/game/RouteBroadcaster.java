package org.skaben.game;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.skaben.device.DeviceRegistry;

/** Hands game changes to the routes that publish them: direct:alert-changed and direct:cup-push. */
public class RouteBroadcaster implements Broadcaster {

    private final CamelContext camel;
    private final DeviceRegistry registry;
    private volatile ProducerTemplate template;

    public RouteBroadcaster(CamelContext camel, DeviceRegistry registry) {
        this.camel = camel;
        this.registry = registry;
    }

    @Override
    public void alertChanged(AlertChange change) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("skabenSource", change.source());
        headers.put("skabenAlertState", change.current().name());
        headers.put("skabenAlertPrevious", change.previous().name());
        headers.put("skabenAlertCounter", change.counterAfter());
        headers.put("skabenAlertBroadcast", change.broadcast());
        headers.put("skabenCupReason", change.describe());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("state", change.current().name());
        event.put("previous", change.previous().name());
        event.put("counter", change.counterAfter());
        event.put("previous_counter", change.counterBefore());
        event.put("reason", change.reason());
        template().sendBodyAndHeaders("direct:alert-changed", event, headers);
    }

    @Override
    public void pushDevices(Collection<String> uids, String reason, String source, boolean manual) {
        for (String uid : uids) {
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("skabenUid", uid);
            headers.put("skabenType", typeOf(uid));
            headers.put("skabenCupReason", reason);
            headers.put("skabenSource", source);
            headers.put("skabenCupManual", manual);
            template().sendBodyAndHeaders("direct:cup-push", null, headers);
        }
    }

    @Override
    public void pushType(String type, String reason, String source) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("skabenType", type);
        headers.put("skabenCupReason", reason);
        headers.put("skabenSource", source);
        template().sendBodyAndHeaders("direct:sync-type", null, headers);
    }

    private String typeOf(String uid) {
        return registry.require(uid).type();
    }

    private ProducerTemplate template() {
        if (template == null) {
            synchronized (this) {
                if (template == null) {
                    template = camel.createProducerTemplate();
                }
            }
        }
        return template;
    }
}
