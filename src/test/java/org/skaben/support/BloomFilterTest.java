package org.skaben.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The task-id filter: never "not in it" for a string put in; false "maybe"s near the designed rate. */
class BloomFilterTest {

    private static String key(int device, int task) {
        return String.format("aa%04x/sup/%d", device, task);
    }

    @Test
    void everyStringPutInIsFoundAndTheFalseMaybesAreNearTheDesignedRate() {
        int n = 200_000;
        BloomFilter filter = new BloomFilter(n, 0.01);
        for (int i = 0; i < n; i++) {
            filter.put(key(i % 1000, i));
        }
        for (int i = 0; i < n; i++) {
            assertTrue(filter.mightContain(key(i % 1000, i)), "a false negative: " + key(i % 1000, i));
        }
        int probes = 200_000;
        int maybes = 0;
        for (int i = n; i < n + probes; i++) {
            if (filter.mightContain(key(i % 1000, i))) {
                maybes++;
            }
        }
        double rate = (double) maybes / probes;
        assertTrue(rate > 0.005 && rate < 0.015, "false positive rate " + rate + ", designed 0.01");
    }

    @Test
    void anEmptyFilterHoldsNothingAndItsSizeFollowsTheDesign() {
        BloomFilter filter = new BloomFilter(1_000_000, 0.01);
        assertFalse(filter.mightContain("aa01/info/1"));
        // m = -n ln p / (ln 2)^2 = 9.59 million bits, k = 7
        assertEquals(9_585_088, filter.bits(), 64);
        assertEquals(7, filter.hashes());
        assertThrows(IllegalArgumentException.class, () -> new BloomFilter(0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new BloomFilter(10, 1));
    }

    @Test
    void stringsPutInFromSeveralThreadsAtOnceAreAllFound() throws Exception {
        BloomFilter filter = new BloomFilter(80_000, 0.01);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int lane = t;
            threads.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 10_000; i++) {
                    filter.put(key(lane, i));
                }
            }, pool));
        }
        CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        for (int t = 0; t < 8; t++) {
            for (int i = 0; i < 10_000; i++) {
                assertTrue(filter.mightContain(key(t, i)));
            }
        }
    }
}
