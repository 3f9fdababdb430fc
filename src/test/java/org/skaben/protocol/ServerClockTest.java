package org.skaben.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class ServerClockTest {

    private static final long NOW = 1_796_000_000L;
    private static final long RESERVE = ServerClock.RESERVE_SECONDS;

    /** A wall clock the test sets and moves. */
    private static final class Wall extends Clock {
        private long millis;

        Wall(long seconds) {
            millis = seconds * 1000;
        }

        void move(long seconds) {
            millis += seconds * 1000;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Renewals wait here until the test runs them: the thread that writes the mark, held back. */
    private static final class HeldBack implements Executor {
        final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.poll().run();
            }
        }
    }

    @Test
    void theOffsetIsZeroWhenTheWallClockIsPastTheMarkElseItPutsTimeOneSecondAboveIt() {
        assertEquals(0, ServerClock.offset(NOW, 0));
        assertEquals(0, ServerClock.offset(NOW, NOW - 1));
        assertEquals(1, ServerClock.offset(NOW, NOW));
        assertEquals(3601, ServerClock.offset(NOW - 3600, NOW));
    }

    @Test
    void aFreshInstallRunsOnTheWallClockAndReservesABlockBeforeTheFirstTimestamp() {
        MemoryMark mark = new MemoryMark();
        ServerClock clock = new ServerClock(new Wall(NOW), mark, Runnable::run);
        assertEquals(0, clock.offsetSeconds());
        assertEquals(NOW + RESERVE, mark.read(), "stored before any timestamp is handed out");
        assertEquals(NOW, clock.nowSeconds());
    }

    @Test
    void aWallClockAnHourBehindTheMarkStartsAboveItAndRunsAtTheWallClocksRate() {
        Wall wall = new Wall(NOW - 3600);
        ServerClock clock = new ServerClock(wall, new MemoryMark(NOW), Runnable::run);
        assertEquals(3601, clock.offsetSeconds());
        assertEquals(NOW + 1, clock.nowSeconds());
        wall.move(10);
        assertEquals(NOW + 11, clock.nowSeconds(), "time does not stand still until the wall clock catches up");
    }

    @Test
    void timeNeverGoesBackWhenTheWallClockStepsBackDuringARun() {
        Wall wall = new Wall(NOW);
        ServerClock clock = new ServerClock(wall, new MemoryMark(), Runnable::run);
        assertEquals(NOW, clock.nowSeconds());
        wall.move(-30);
        assertEquals(NOW, clock.nowSeconds());
        wall.move(31);
        assertEquals(NOW + 1, clock.nowSeconds());
    }

    @Test
    void theStoredMarkIsAlwaysAboveEveryTimestampAndIsWrittenOncePerHalfBlockNotPerPacket() {
        Wall wall = new Wall(NOW);
        MemoryMark mark = new MemoryMark();
        ServerClock clock = new ServerClock(wall, mark, Runnable::run);
        long previous = 0;
        for (int second = 0; second < 600; second++) {
            for (int packet = 0; packet < 10; packet++) {
                long t = clock.nowSeconds();
                assertTrue(t >= previous, "never decreasing");
                assertTrue(mark.read() >= t, "stored mark " + mark.read() + " below a timestamp handed out " + t);
                previous = t;
            }
            wall.move(1);
        }
        assertEquals(NOW + 599, previous);
        assertTrue(mark.writes() <= 1 + 600 / (RESERVE / 2) + 1, mark.writes() + " writes for 6000 timestamps");
    }

    @Test
    void afterACrashTheNextRunStartsAboveEveryTimestampSentEvenWithTheWallClockAnHourBack() {
        Wall wall = new Wall(NOW);
        MemoryMark mark = new MemoryMark();
        ServerClock first = new ServerClock(wall, mark, Runnable::run);
        long lastSent = 0;
        for (int second = 0; second < 100; second++) {
            lastSent = first.nowSeconds();
            wall.move(1);
        }
        // no close(): the process died
        wall.move(-3600);
        ServerClock second = new ServerClock(wall, mark, Runnable::run);
        long next = second.nowSeconds();
        assertTrue(next > lastSent, next + " after " + lastSent);
        assertTrue(next <= lastSent + RESERVE + 1, "a crash costs at most one block forward: " + (next - lastSent));
    }

    @Test
    void aCleanStopLowersTheMarkSoTheNextRunStartsRightAfterTheLastTimestamp() {
        Wall wall = new Wall(NOW);
        MemoryMark mark = new MemoryMark();
        ServerClock first = new ServerClock(wall, mark, Runnable::run);
        wall.move(5);
        long lastSent = first.nowSeconds();
        first.close();
        assertEquals(lastSent, mark.read());
        wall.move(-3600);
        assertEquals(lastSent + 1, new ServerClock(wall, mark, Runnable::run).nowSeconds());
    }

    @Test
    void timestampsDoNotWaitForTheMarkButNeverPassWhatIsStored() {
        Wall wall = new Wall(NOW);
        MemoryMark mark = new MemoryMark();
        HeldBack writer = new HeldBack();
        ServerClock clock = new ServerClock(wall, mark, writer);
        wall.move(RESERVE / 2 + 1);
        assertEquals(NOW + RESERVE / 2 + 1, clock.nowSeconds(), "handed out at once, the renewal still queued");
        assertEquals(1, writer.queued.size());
        clock.nowSeconds();
        assertEquals(1, writer.queued.size(), "one renewal at a time");
        wall.move(RESERVE);
        assertEquals(NOW + RESERVE, clock.nowSeconds(), "stops at the stored mark while the renewal waits");
        writer.runAll();
        assertTrue(mark.read() > NOW + RESERVE);
        assertEquals(NOW + RESERVE * 3 / 2 + 1, clock.nowSeconds(), "and runs on once the mark is stored");
    }

    @Test
    void whileTheMarkCannotBeWrittenTimeStopsAtItAndRunsOnOnceItCan() {
        Wall wall = new Wall(NOW);
        MemoryMark mark = new MemoryMark();
        ServerClock clock = new ServerClock(wall, mark, Runnable::run);
        mark.failing(true);
        wall.move(RESERVE + 30);
        assertEquals(NOW + RESERVE, clock.nowSeconds());
        assertEquals(NOW + RESERVE, mark.read());
        mark.failing(false);
        assertEquals(NOW + RESERVE + 30, clock.nowSeconds());
        assertTrue(mark.read() >= NOW + RESERVE + 30);
    }

    /** The shared mark as ServerClockRepository keeps it for several instances: a write only raises it. */
    private static final class RaisedOnly implements ServerClock.Mark {
        long stored;

        @Override
        public synchronized long read() {
            return stored;
        }

        @Override
        public synchronized void write(long seconds) {
            stored = Math.max(stored, seconds);
        }
    }

    @Test
    void sharedClocksPublishWhatTheyHandOutNotABlockAheadAndANewLeaderStartsAboveIt() {
        RaisedOnly mark = new RaisedOnly();
        // the old leader's clock is a second ahead of the new one's
        ServerClock oldLeader = new ServerClock(new Wall(NOW + 1), mark, Runnable::run, true);
        Wall wall = new Wall(NOW);
        ServerClock newLeader = new ServerClock(wall, mark, Runnable::run, true);
        assertEquals(NOW + 1, oldLeader.nowSeconds());
        assertEquals(NOW + 1, mark.read(), "published as handed out, no reservation");
        newLeader.startAboveMark();
        assertEquals(0, newLeader.offsetSeconds());
        assertEquals(NOW + 2, newLeader.nowSeconds(), "above the old leader's last PING");
        wall.move(2);
        assertEquals(NOW + 2, newLeader.nowSeconds(), "stood still until its wall clock caught up");
        wall.move(1);
        assertEquals(NOW + 3, newLeader.nowSeconds());
        assertEquals(NOW + 3, mark.read());
        newLeader.close();
        assertEquals(NOW + 3, mark.read(), "a shared mark is never lowered");
    }
}
