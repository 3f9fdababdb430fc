package org.skaben.game;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.skaben.Headers;
import org.skaben.cup.CupRequest;
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
        headers.put(Headers.SOURCE, change.source());
        headers.put(Headers.ALERT_STATE, change.current().name());
        headers.put(Headers.ALERT_PREVIOUS, change.previous().name());
        headers.put(Headers.ALERT_COUNTER, change.counterAfter());
        headers.put(Headers.ALERT_BROADCAST, change.broadcast());
        headers.put(Headers.CUP_REASON, change.describe());
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
            String type = typeOf(uid);
            template().sendBody("direct:cup-push", manual ? CupRequest.manual(type, uid, reason, source)
                    : CupRequest.automatic(type, uid, reason, source));
        }
    }

    @Override
    public void pushType(String type, String reason, String source) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(Headers.TYPE, type);
        headers.put(Headers.CUP_REASON, reason);
        headers.put(Headers.SOURCE, source);
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
