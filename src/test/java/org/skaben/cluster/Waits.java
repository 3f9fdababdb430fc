package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits on a condition the servers reach asynchronously: the first non-null, non-false answer. An exception
 * counts as not yet; an AssertionError (a server that died) ends the wait.
 */
final class Waits {

    private Waits() {
    }

    static <T> T until(String what, Duration timeout, Callable<T> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = condition.call();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (Exception notYet) {
                // a server not answering yet, say; an AssertionError ends the wait
                last = notYet;
            }
            Thread.sleep(100);
        }
        return fail("not within " + timeout + ": " + what + (last == null ? "" : " (last error: " + last + ")"));
    }
}
