package org.skaben.cluster;

import java.util.List;
import java.util.Optional;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;

/**
 * The cluster service of a server that runs alone (skaben.cluster.enabled=false): it leads every namespace, from
 * the start, so {@code master:} routes run as plain ones. Camel has no such service, and the master component
 * refuses to start without one.
 */
public class SoleInstanceClusterService extends AbstractCamelClusterService<SoleInstanceClusterService.View> {

    private final InstanceId instance;

    public SoleInstanceClusterService(InstanceId instance) {
        super("skaben-sole-instance");
        this.instance = instance;
    }

    @Override
    protected View createView(String namespace) {
        return new View(this, namespace, instance.value());
    }

    /** A namespace this instance leads as long as it runs. */
    public static final class View extends AbstractCamelClusterView {

        private final CamelClusterMember self;

        View(SoleInstanceClusterService service, String namespace, String id) {
            super(service, namespace);
            self = new CamelClusterMember() {
                @Override
                public boolean isLeader() {
                    return isRunAllowed();
                }

                @Override
                public boolean isLocal() {
                    return true;
                }

                @Override
                public String getId() {
                    return id;
                }
            };
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return Optional.of(self).filter(CamelClusterMember::isLeader);
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return self;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(self);
        }

        @Override
        protected void doStart() {
            // consumers that asked for the view before it started learn now that they lead
            fireLeadershipChangedEvent(self);
        }
    }
}
