package org.skaben.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.hsqldb.jdbc.JDBCDataSource;
import org.skaben.cup.CupBuilder;
import org.skaben.cup.OutgoingCup;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceRepository;
import org.skaben.device.DeviceType;
import org.skaben.device.DeviceTypeRepository;
import org.skaben.journal.CupDeliveryRepository;
import org.skaben.journal.JournalRepository;
import org.skaben.journal.TaskIdRepository;

/**
 * The fakes route tests put behind the beans their routes call (with {@code @ReplaceInRegistry}): each extends
 * the real class, keeps in memory what a route did to it and answers what the test set. Named classes, so that
 * a bean step can call them as it calls the real ones.
 */
public final class RouteFakes {

    /** A data source nothing connects to: the repositories the fakes extend want one, and never use it. */
    public static final DataSource NO_DATABASE = new JDBCDataSource();

    private RouteFakes() {
    }

    /** A fake that RouteTestSupport sets back to its start before each test method. */
    public interface Fake {
        void reset();
    }

    /** The device registry, without a database: the types and CUP targets a test sets. */
    public static class Devices extends DeviceRegistry implements Fake {

        /** cupTargets by type; activeTypeNames are its keys, in order of insertion. */
        public final Map<String, List<String>> targets = new java.util.LinkedHashMap<>();
        /** The types that are simple (not smart). */
        public final Set<String> simple = new java.util.HashSet<>(Set.of("scl"));

        public Devices() {
            super(new NoDevices(), new NoTypes(), false);
        }

        @Override
        public void reset() {
            targets.clear();
        }

        @Override
        public List<String> cupTargets(String typeName) {
            return targets.getOrDefault(typeName, List.of());
        }

        @Override
        public List<String> activeTypeNames() {
            return new ArrayList<>(targets.keySet());
        }

        @Override
        public DeviceType requireType(String name) {
            return new DeviceType(name, !simple.contains(name), true, Map.of(), Map.of());
        }
    }

    static class NoDevices extends DeviceRepository {
        NoDevices() {
            super(NO_DATABASE);
        }

        @Override
        public List<org.skaben.device.Device> findAll() {
            return List.of();
        }
    }

    static class NoTypes extends DeviceTypeRepository {
        NoTypes() {
            super(NO_DATABASE);
        }

        @Override
        public List<DeviceType> findAll() {
            return List.of();
        }
    }

    /** CupBuilder: a CUP of task "t-uid" for every device but those under override (unless asked for). */
    public static class Cups extends CupBuilder implements Fake {

        public final Set<String> underOverride = new java.util.HashSet<>();

        public Cups() {
            super(null, null, null);
        }

        @Override
        public void reset() {
            underOverride.clear();
        }

        @Override
        public OutgoingCup build(String typeName, String uid, Boolean manual, Boolean overwrite) {
            if (underOverride.contains(uid) && !manual) {
                return null;
            }
            return new OutgoingCup(typeName, uid, "t-" + uid, "h-" + uid, typeName + "/" + uid + "/cup",
                    Map.of("datahold", Map.of("overwrite", overwrite)));
        }
    }

    /** The CUP delivery records: each CUP a route records as sent. */
    public static class Deliveries extends CupDeliveryRepository implements Fake {

        public final List<OutgoingCup> sent = new CopyOnWriteArrayList<>();

        public Deliveries() {
            super(NO_DATABASE);
        }

        @Override
        public void reset() {
            sent.clear();
        }

        @Override
        public void sent(OutgoingCup cup) {
            this.sent.add(cup);
        }
    }

    /** The journal: each entry a route records, as "kind source type uid topic: detail". */
    public static class Journal extends JournalRepository implements Fake {

        public final List<String> entries = new CopyOnWriteArrayList<>();

        public Journal() {
            super(null);
        }

        @Override
        public void reset() {
            entries.clear();
        }

        @Override
        public CompletableFuture<Void> record(String kind, String source, String type, String uid, String topic,
                                              String detail) {
            entries.add(kind + " " + source + " " + type + " " + uid + " " + topic + ": " + detail);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The task ids of once-per-task: each key a route forgets goes into a list the test reads ("forget key"). */
    public static class TaskIds extends TaskIdRepository {

        private final List<String> log;

        public TaskIds(List<String> log) {
            super(NO_DATABASE, null);
            this.log = log;
        }

        @Override
        public boolean remove(String key) {
            log.add("forget " + key);
            return true;
        }
    }
}
