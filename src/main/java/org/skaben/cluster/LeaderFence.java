package org.skaben.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.master.MasterEndpoint;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every exchange a {@code master:} route starts is checked against the leadership at that instant, and stopped
 * before its first step when this instance no longer leads. The master consumer stops its timer when leadership
 * is lost, but a process that was frozen (SIGSTOP, a paused VM) wakes with the timer's tick and the lease's
 * deadline both overdue, on two threads: whichever runs first, no PING leaves a former leader.
 */
public class LeaderFence implements RoutePolicyFactory {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderFence.class);

    private final CamelClusterService service;

    public LeaderFence(CamelClusterService service) {
        this.service = service;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route started, Exchange exchange) {
                if (started.getEndpoint() instanceof MasterEndpoint master && !service.isLeader(master.getNamespace())) {
                    LOG.warn("Route {} not run: this instance no longer leads {}", started.getRouteId(),
                            master.getNamespace());
                    exchange.setRouteStop(true);
                }
            }
        };
    }
}
