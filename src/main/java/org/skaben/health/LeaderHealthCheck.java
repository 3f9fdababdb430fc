package org.skaben.health;

import java.util.Map;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness says which instance leads the namespace of the server's once-only routes (PING, drift, liveness,
 * start-up sync), and whether this one does. Always up: a follower handles device packets and REST calls as
 * the leader does, and a moment without a leader (a failover) is no reason to take an instance out of service.
 */
public class LeaderHealthCheck extends AbstractHealthCheck {

    private final CamelClusterView view;

    /** The view of the namespace, held for as long as the server runs. */
    public LeaderHealthCheck(CamelClusterView view) {
        super("skaben", "leader");
        this.view = view;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String me = view.getLocalMember().getId();
        String leader = view.getLeader().map(CamelClusterMember::getId).orElse(null);
        boolean leads = view.getLocalMember().isLeader();
        builder.detail("instance", me).detail("leads", leads);
        if (leader != null) {
            builder.detail("leader", leader);
        }
        builder.message(leads ? "this instance (" + me + ") leads"
                : leader != null ? leader + " leads; this instance (" + me + ") follows"
                : "no instance leads at the moment; this instance (" + me + ") follows").up();
    }
}
