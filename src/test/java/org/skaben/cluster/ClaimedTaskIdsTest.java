package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skaben.journal.JournalWriter;
import org.skaben.journal.TaskIdRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Task ids on the PostgreSQL that several instances share: each instance claims a key in the database before its
 * packet is applied, so of two instances that get the same SUP, one applies it and the other refuses it.
 */
class ClaimedTaskIdsTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(ClaimedTaskIdsTest.class);

    private DataSource database;
    private JournalWriter writerA;
    private JournalWriter writerB;
    private TaskIdRepository instanceA;
    private TaskIdRepository instanceB;

    @BeforeEach
    void twoInstances() {
        database = POSTGRES.dataSource();
        writerA = new JournalWriter(database, 100, 1000);
        writerB = new JournalWriter(database, 100, 1000);
        instanceA = new TaskIdRepository(database, writerA, "node-a");
        instanceB = new TaskIdRepository(database, writerB, "node-b");
    }

    @AfterEach
    void closeWriters() {
        if (writerA != null) {
            writerA.close();
            writerB.close();
        }
    }

    private int stored(String key) {
        return new JdbcTemplate(database).queryForObject(
                "SELECT COUNT(*) FROM applied_task WHERE task_key = ?", Integer.class, key);
    }

    @Test
    void aKeyIsStoredWhenItIsTakenAndTheOtherInstanceRefusesIt() {
        assertTrue(instanceA.add("cc01/sup/t1"));
        // committed already, not queued behind a journal entry
        assertEquals(1, stored("cc01/sup/t1"));
        assertFalse(instanceB.add("cc01/sup/t1"));
        assertFalse(instanceA.add("cc01/sup/t1"));
        assertTrue(instanceB.contains("cc01/sup/t1"));
        assertTrue(instanceB.add("cc01/info/t1"));
    }

    @Test
    void aKeyForgottenAfterAFailureIsTakenAgainByEitherInstance() {
        assertTrue(instanceA.add("cc02/sup/t9"));
        assertTrue(instanceA.remove("cc02/sup/t9"));
        assertEquals(0, stored("cc02/sup/t9"));
        assertTrue(instanceB.add("cc02/sup/t9"));
        // an instance forgets only its own claims (a failed duplicate never frees the claim of the one applying it)
        instanceA.forget("cc02", "sup", "t9");
        assertTrue(instanceB.contains("cc02/sup/t9"));
        instanceB.forget("cc02", "sup", "t9");
        assertFalse(instanceA.contains("cc02/sup/t9"));
    }

    @Test
    void concurrentRepeatsOnBothInstancesAreTakenOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = "cc03/info/race" + round;
            List<CompletableFuture<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TaskIdRepository instance = i % 2 == 0 ? instanceA : instanceB;
                tries.add(CompletableFuture.supplyAsync(() -> instance.add(key)));
            }
            long taken = 0;
            for (CompletableFuture<Boolean> t : tries) {
                if (t.get(10, TimeUnit.SECONDS)) {
                    taken++;
                }
            }
            assertEquals(1, taken, key);
            assertEquals(1, stored(key));
        }
    }

    private Map<String, Object> claim(String key) {
        return new JdbcTemplate(database).queryForMap(
                "SELECT claimed_by, applied FROM applied_task WHERE task_key = ?", key);
    }

    private static Exchange exchange() {
        return new DefaultExchange(new DefaultCamelContext());
    }

    @Test
    void aClaimIsAppliedOnlyWithTheJournalWritersCommitAndOnlyOnce() {
        Exchange packet = exchange();
        assertTrue(instanceA.add(packet, "cc04/sup/t1"));
        assertEquals(Map.of("claimed_by", "node-a", "applied", false), claim("cc04/sup/t1"));
        CompletableFuture<Void> applied = instanceA.markApplied(packet);
        applied.join();
        assertEquals(Map.of("claimed_by", "node-a", "applied", true), claim("cc04/sup/t1"));
        // the exchange's next entry (a rule's) marks nothing again; a duplicate holds no claim to mark
        assertNull(instanceA.markApplied(packet));
        Exchange repeat = exchange();
        assertFalse(instanceB.add(repeat, "cc04/sup/t1"));
        assertNull(instanceB.markApplied(repeat));
    }

    @Test
    void anUnappliedClaimOfAnInstanceBeingDrainedIsTakenOverButALiveOnesIsADuplicate() {
        assertTrue(instanceA.add(exchange(), "cc05/info/t1"));
        // node-a is alive: it is applying the packet right now
        assertFalse(instanceB.add(exchange(), "cc05/info/t1"));
        long before = instanceB.takenOver();
        instanceB.takeOverFrom("node-a");
        try {
            Exchange redelivered = exchange();
            assertTrue(instanceB.add(redelivered, "cc05/info/t1"));
            assertEquals(Map.of("claimed_by", "node-b", "applied", false), claim("cc05/info/t1"));
            assertEquals(before + 1, instanceB.takenOver());
            // taken over once: a second copy is a duplicate of node-b's claim
            assertFalse(instanceB.add(exchange(), "cc05/info/t1"));
            instanceB.markApplied(redelivered).join();
            assertEquals(Map.of("claimed_by", "node-b", "applied", true), claim("cc05/info/t1"));
        } finally {
            instanceB.stopTakingOverFrom("node-a");
        }
    }

    @Test
    void anAppliedClaimOfAnInstanceBeingDrainedStaysADuplicate() {
        Exchange packet = exchange();
        assertTrue(instanceA.add(packet, "cc06/sup/t1"));
        instanceA.markApplied(packet).join();
        instanceB.takeOverFrom("node-a");
        try {
            assertFalse(instanceB.add(exchange(), "cc06/sup/t1"));
            assertEquals(Map.of("claimed_by", "node-a", "applied", true), claim("cc06/sup/t1"));
        } finally {
            instanceB.stopTakingOverFrom("node-a");
        }
    }

    @Test
    void aRestartedInstanceGivesUpItsUnappliedClaimsFromItsEarlierLife() {
        JournalWriter writer = new JournalWriter(database, 100, 1000);
        TaskIdRepository firstLife = new TaskIdRepository(database, writer, "node-c");
        firstLife.start();
        Exchange applied = exchange();
        assertTrue(firstLife.add(applied, "cc07/sup/done"));
        firstLife.markApplied(applied).join();
        assertTrue(firstLife.add(exchange(), "cc07/sup/cut-short"));
        assertTrue(instanceA.add(exchange(), "cc07/sup/other"));
        TaskIdRepository secondLife = new TaskIdRepository(database, writer, "node-c");
        secondLife.start();
        try {
            assertEquals(0, stored("cc07/sup/cut-short"));
            assertTrue(secondLife.add(exchange(), "cc07/sup/cut-short"));
            assertFalse(secondLife.add(exchange(), "cc07/sup/done"));
            // another instance's claim is not this one's to give up
            assertEquals(Map.of("claimed_by", "node-a", "applied", false), claim("cc07/sup/other"));
        } finally {
            writer.close();
        }
    }
}
