package org.skaben.wiring;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.skaben.cluster.InstanceId;
import org.skaben.journal.CupDeliveryRepository;
import org.skaben.journal.JournalFeed;
import org.skaben.journal.JournalRepository;
import org.skaben.journal.JournalWriter;
import org.skaben.journal.RecordInJournal;
import org.skaben.journal.TaskIdPruning;
import org.skaben.journal.TaskIdRepository;

/**
 * What the server remembers of each packet: the journal and the task ids a packet is done once for. The
 * journal's writer is in {@link DatabaseConfiguration}; the record of every CUP sent until its ACK or NACK is
 * written by {@code sql:} steps in routes/config-push.camel.yaml and routes/delivery-reports.camel.yaml.
 */
public class JournalConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public JournalRepository journal(@BeanInject("journalWriter") JournalWriter writer,
                @BeanInject("journalFeed") JournalFeed feed) {
        return new JournalRepository(writer, feed);
    }

    /**
     * Every entry as it is committed, with its id: the console's live journal listens. Several instances: every
     * instance's entries, read from the shared table (SharedGameConfiguration's JournalPoller).
     */
    @BindToRegistry(lazy = true)
    public JournalFeed journalFeed(@PropertyInject("skaben.cluster.enabled") boolean clusterEnabled) {
        return new JournalFeed(!clusterEnabled);
    }

    /**
     * The journal entry of a packet, in the ingress route's terms; with several instances, a packet's task id
     * claim is marked applied in the same commit as its entry.
     */
    @BindToRegistry(lazy = true)
    public RecordInJournal recordInJournal(@BeanInject("journal") JournalRepository journal,
                @BeanInject("taskIds") TaskIdRepository taskIds,
                @PropertyInject("skaben.cluster.enabled") boolean cluster) {
        return new RecordInJournal(journal, "mqtt-ingress", cluster ? taskIds : null);
    }

    /**
     * The idempotent repository of routes/once-per-task.camel.yaml; with several instances each task id is
     * claimed in the database before its packet is applied.
     */
    @BindToRegistry(lazy = true)
    public TaskIdRepository taskIds(@BeanInject("dataSource") DataSource dataSource,
                @BeanInject("journalWriter") JournalWriter writer,
                @BeanInject("instanceId") InstanceId instance,
                @PropertyInject("skaben.cluster.enabled") boolean cluster) {
        return new TaskIdRepository(dataSource, writer, cluster ? instance.value() : null);
    }

    /**
     * Which task ids routes/task-id-pruning.camel.yaml deletes. They must outlive any redelivery of their packet:
     * with several instances the broker keeps a gone instance's session, its unacknowledged packets in it, for
     * skaben.cluster.session-expiry-seconds from when it noticed the instance gone (within one and a half MQTT
     * keepalives, 60 s each, of the packet), and then hands them to the restarted instance or the leader; one
     * process alone subscribes with a clean session, which the broker drops with the connection (no redelivery).
     */
    @BindToRegistry(lazy = true)
    public TaskIdPruning taskIdPruning(@PropertyInject("skaben.task-ids.keep-seconds") long keepSeconds,
                @PropertyInject("skaben.task-ids.prune-batch") int batch,
                @PropertyInject("skaben.cluster.enabled") boolean cluster,
                @PropertyInject("skaben.cluster.session-expiry-seconds") long sessionExpirySeconds,
                @BeanInject("metricsRegistry") MeterRegistry metrics) {
        Duration redelivery = cluster ? Duration.ofSeconds(sessionExpirySeconds + 90) : Duration.ZERO;
        return new TaskIdPruning(Clock.systemUTC(), Duration.ofSeconds(keepSeconds), batch, redelivery, metrics);
    }

    /** A removed device's CUP deliveries (the record itself is written by sql: steps). */
    @BindToRegistry(lazy = true)
    public CupDeliveryRepository cupDeliveries(@BeanInject("dataSource") DataSource dataSource) {
        return new CupDeliveryRepository(dataSource);
    }
}
