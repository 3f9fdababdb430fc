package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockCheckTest {

    @Test
    void theOffsetIsTakenHalfWayThroughTheShortestRoundTrip() {
        // three samples (sent, database, back): round trips of 400, 100 and 300 ms, the clock 3.0 s ahead, the
        // slower samples' reads landing off the middle of their trips
        Iterator<Long> local = List.of(0L, 400L, 1000L, 1100L, 2000L, 2300L).iterator();
        Iterator<Long> database = List.of(200L - 3200, 1050L - 3000, 2150L - 2900).iterator();
        assertEquals(3000, ClockCheck.offsetMillis(local::next, database::next));
    }

    @Test
    void moreThanTwoSecondsEitherWayIsRefusedWithAClearLine() {
        assertDoesNotThrow(() -> ClockCheck.refuseIfOff(1999));
        assertDoesNotThrow(() -> ClockCheck.refuseIfOff(-2000));
        IllegalStateException ahead = assertThrows(IllegalStateException.class, () -> ClockCheck.refuseIfOff(2500));
        assertTrue(ahead.getMessage().startsWith("this machine's clock is 2.5 s ahead of the database's"), ahead.getMessage());
        IllegalStateException behind = assertThrows(IllegalStateException.class, () -> ClockCheck.refuseIfOff(-4000));
        assertTrue(behind.getMessage().contains("4.0 s behind"), behind.getMessage());
    }

    @Test
    void twoMachinesWhoseClocksDifferCountServerTimeFromTheDatabasesClock() {
        // the database reads 1,000,000 ms; one machine is 1.5 s ahead of it, the other 1.2 s behind
        long database = 1_000_000;
        Clock ahead = ClockCheck.databaseClock(Clock.fixed(Instant.ofEpochMilli(database + 1500), ZoneOffset.UTC),
                () -> database);
        Clock behind = ClockCheck.databaseClock(Clock.fixed(Instant.ofEpochMilli(database - 1200), ZoneOffset.UTC),
                () -> database);
        assertEquals(database, ahead.millis());
        assertEquals(database, behind.millis());
    }
}
