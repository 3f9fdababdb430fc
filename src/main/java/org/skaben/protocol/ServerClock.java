package org.skaben.protocol;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Server time in Unix seconds that never goes backwards: devices drop packets older than the last timestamp
 * they stored, so a clock step back must not reach them.
 */
public class ServerClock {

    private final AtomicLong last = new AtomicLong();

    public long nowSeconds() {
        long wall = System.currentTimeMillis() / 1000;
        return last.accumulateAndGet(wall, Math::max);
    }

    /** Wall-clock milliseconds, for the journal and last-seen times. */
    public long nowMillis() {
        return System.currentTimeMillis();
    }
}
