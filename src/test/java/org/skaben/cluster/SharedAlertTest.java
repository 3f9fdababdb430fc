package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skaben.game.Alert;
import org.skaben.game.AlertChange;
import org.skaben.game.AlertRepository;
import org.skaben.game.GameVersion;

/**
 * The alert of two instances on one PostgreSQL: each change is decided on the row the database holds, so
 * concurrent counter changes through both add up exactly, and an instance whose memory is behind decides on
 * the other's latest state.
 */
class SharedAlertTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(SharedAlertTest.class);

    private DataSource database;
    private Alert instanceA;
    private Alert instanceB;

    @BeforeEach
    void twoInstances() {
        database = POSTGRES.dataSource();
        instanceA = new Alert(new AlertRepository(database), new GameVersion(), true,
                org.skaben.cluster.ChangeNotices.NONE);
        instanceB = new Alert(new AlertRepository(database), new GameVersion(), true,
                org.skaben.cluster.ChangeNotices.NONE);
    }

    @Test
    void concurrentCounterChangesThroughBothInstancesAddUp() throws Exception {
        instanceA.setState("green", "operator", "test");
        // inside green's range, clear of its floor (1) and of yellow (500): no -1 is clamped, no state changes
        instanceA.setCounter(200, "operator", "test");
        int start = instanceA.counter();
        List<CompletableFuture<Void>> changes = new ArrayList<>();
        for (int thread = 0; thread < 6; thread++) {
            Alert instance = thread % 2 == 0 ? instanceA : instanceB;
            int delta = thread % 3 == 0 ? -1 : 2;
            changes.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 25; i++) {
                    instance.addToCounter(delta, "test", "concurrent");
                }
            }));
        }
        for (CompletableFuture<Void> c : changes) {
            c.get(60, TimeUnit.SECONDS);
        }
        // threads 0 and 3 take 1 each time, the four others add 2: 25 * (4 * 2 - 2)
        int expected = start + 150;
        assertEquals(expected, new AlertRepository(database).latestCounter().value());
        assertEquals(expected, instanceB.addToCounter(0, "test", "read").counterAfter());
    }

    @Test
    void anInstanceBehindDecidesOnTheOtherInstancesLatestState() {
        instanceA.setState("green", "operator", "test");
        // B has not heard of it: its memory still says green
        instanceB.setState("green", "operator", "test");
        instanceA.setState("yellow", "operator", "yellow now");
        assertEquals("green", instanceB.current().name());
        // a failed action on B: yellow's counter_increase (50) on yellow's threshold (500)
        AlertChange raised = instanceB.raise("lock-access", "card refused").orElseThrow();
        assertEquals("yellow", raised.previous().name());
        assertEquals(550, raised.counterAfter());
        assertEquals("yellow", instanceB.current().name());
        // the rule's "aux while blue" on B, while A has moved out of blue: no switch
        instanceA.setState("blue", "operator", "test");
        instanceA.setState("white", "operator", "test");
        assertFalse(instanceB.switchState("blue", "cyan", "power-shield", "aux").isPresent());
        assertEquals("white", instanceB.current().name(), "B now holds what it found in the database");
        assertTrue(instanceB.raise("lock-access", "out of game").isEmpty());
    }
}
