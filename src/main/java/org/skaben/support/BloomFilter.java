package org.skaben.support;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A set of strings that answers "certainly not in it" or "maybe in it": never a false "not in it" for a string
 * put in, and a "maybe" for a string never put in with about the designed probability while it holds no more
 * than the designed number of strings (more only raises that probability). Strings cannot be taken out. Safe for
 * any number of threads: a string's bits are set atomically, so a {@link #mightContain} that starts after a
 * {@link #put} returned sees it.
 *
 * <p>Why our own: no Bloom filter is on the server's classpath, and Guava just for this one is not worth it.
 */
public final class BloomFilter {

    private final AtomicLongArray words;
    private final long bits;
    private final int hashes;

    /** Sized for {@code expected} strings with a false "maybe" probability of {@code falsePositive} (0 to 1). */
    public BloomFilter(long expected, double falsePositive) {
        if (expected < 1 || !(falsePositive > 0 && falsePositive < 1)) {
            throw new IllegalArgumentException("expected >= 1 and 0 < falsePositive < 1, not " + expected + ", "
                    + falsePositive);
        }
        // the optimal sizes: m = -n ln p / (ln 2)^2 bits, k = m / n ln 2 hash functions
        long m = (long) Math.ceil(-expected * Math.log(falsePositive) / (Math.log(2) * Math.log(2)));
        long wordCount = Math.max(1, (m + 63) / 64);
        if (wordCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a filter for " + expected + " strings is too large");
        }
        this.words = new AtomicLongArray((int) wordCount);
        this.bits = wordCount * 64;
        this.hashes = Math.max(1, (int) Math.round((double) m / expected * Math.log(2)));
    }

    public void put(String value) {
        long h = hash(value);
        for (int i = 0; i < hashes; i++) {
            long bit = bit(h, i);
            int word = (int) (bit >>> 6);
            long mask = 1L << bit;
            long old = words.get(word);
            while ((old & mask) == 0 && !words.compareAndSet(word, old, old | mask)) {
                old = words.get(word);
            }
        }
    }

    /** False: {@code value} was certainly never {@link #put}; true: it may have been. */
    public boolean mightContain(String value) {
        long h = hash(value);
        for (int i = 0; i < hashes; i++) {
            long bit = bit(h, i);
            if ((words.get((int) (bit >>> 6)) & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The {@code i}th bit of a string of hash {@code h}: h1 + i h2 (double hashing), h2 odd, from h's halves swapped. */
    private long bit(long h, int i) {
        return Math.floorMod(h + i * (((h >>> 32) | (h << 32)) | 1), bits);
    }

    /** Its size in bits (memory: an eighth of it in bytes). */
    public long bits() {
        return bits;
    }

    public int hashes() {
        return hashes;
    }

    /**
     * A 64-bit hash of the string's UTF-8 bytes (FNV-1a, then a finalising mix so that all 64 bits depend on every
     * byte): the k bit positions are derived from it by double hashing (Kirsch and Mitzenmacher).
     */
    static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        // MurmurHash3's fmix64
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe5a7ed53L;
        h ^= h >>> 33;
        return h;
    }
}
