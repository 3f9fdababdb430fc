package org.skaben.wiring;

import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.skaben.journal.CupDeliveryRepository;
import org.skaben.journal.JournalFeed;
import org.skaben.journal.JournalRepository;
import org.skaben.journal.JournalWriter;
import org.skaben.journal.RecordInJournal;
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

    /** Every entry as it is committed, with its id: the console's live journal listens. */
    @BindToRegistry(lazy = true)
    public JournalFeed journalFeed() {
        return new JournalFeed();
    }

    /** The journal entry of a packet, in the ingress route's terms. */
    @BindToRegistry(lazy = true)
    public RecordInJournal recordInJournal(@BeanInject("journal") JournalRepository journal) {
        return new RecordInJournal(journal, "mqtt-ingress");
    }

    /** The idempotent repository of routes/once-per-task.camel.yaml. */
    @BindToRegistry(lazy = true)
    public TaskIdRepository taskIds(@BeanInject("dataSource") DataSource dataSource,
                @BeanInject("journalWriter") JournalWriter writer) {
        return new TaskIdRepository(dataSource, writer);
    }

    /** A removed device's CUP deliveries (the record itself is written by sql: steps). */
    @BindToRegistry(lazy = true)
    public CupDeliveryRepository cupDeliveries(@BeanInject("dataSource") DataSource dataSource) {
        return new CupDeliveryRepository(dataSource);
    }
}
