package org.skaben.game;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * Whether any rule listens on an event endpoint right now. A state change waits for the rules that react to
 * it before its broadcast; with none running (all switched off, or being reloaded) there is nothing to wait
 * for, and a seda endpoint that discards an event nobody consumes would otherwise leave the sender waiting
 * for its whole timeout.
 */
public class RuleListeners {

    private final CamelContext camel;

    public RuleListeners(CamelContext camel) {
        this.camel = camel;
    }

    public boolean any(String uri) {
        Endpoint endpoint = camel.hasEndpoint(uri);
        if (endpoint == null) {
            return false;
        }
        return !(endpoint instanceof SedaEndpoint seda) || !seda.getConsumers().isEmpty();
    }
}
