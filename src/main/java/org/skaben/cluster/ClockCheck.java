package org.skaben.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Refuses to run one of several instances on a machine whose clock is more than {@link #MAX_OFFSET_MILLIS} off the
 * database's: the instances' PING timestamps, and the PONG lags each computes, are only as close as their clocks.
 */
public final class ClockCheck {

    public static final long MAX_OFFSET_MILLIS = 2000;
    private static final int SAMPLES = 3;

    private ClockCheck() {
    }

    /**
     * This machine's clock minus the database's, in milliseconds: the database's time is taken as read half-way
     * through the round trip, on the sample with the shortest round trip.
     */
    public static long offsetMillis(LongSupplier localMillis, LongSupplier databaseMillis) {
        long best = 0;
        long shortest = Long.MAX_VALUE;
        for (int i = 0; i < SAMPLES; i++) {
            long sent = localMillis.getAsLong();
            long database = databaseMillis.getAsLong();
            long back = localMillis.getAsLong();
            if (back - sent < shortest) {
                shortest = back - sent;
                best = sent + (back - sent) / 2 - database;
            }
        }
        return best;
    }

    /**
     * {@code wall} set to the database's clock: every instance of a cluster then counts server time from the same
     * clock (to the round trip's precision), whatever its own machine's clock says.
     */
    public static Clock databaseClock(Clock wall, LongSupplier databaseMillis) {
        return Clock.offset(wall, Duration.ofMillis(-offsetMillis(wall::millis, databaseMillis)));
    }

    /** Throws when the offset is too large to run beside other instances. */
    public static void refuseIfOff(long offsetMillis) {
        if (Math.abs(offsetMillis) > MAX_OFFSET_MILLIS) {
            throw new IllegalStateException(String.format("this machine's clock is %.1f s %s the database's (at most "
                    + "%.0f s allowed with skaben.cluster.enabled): synchronise it (NTP) with the database server's",
                    Math.abs(offsetMillis) / 1000.0, offsetMillis > 0 ? "ahead of" : "behind",
                    MAX_OFFSET_MILLIS / 1000.0));
        }
    }
}
