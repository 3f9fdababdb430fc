package org.skaben.protocol;

/** A {@link ServerClock.Mark} in memory, for tests: counts its writes and can be made to fail. */
public final class MemoryMark implements ServerClock.Mark {

    private long stored;
    private int writes;
    private boolean failing;

    public MemoryMark() {
        this(0);
    }

    public MemoryMark(long stored) {
        this.stored = stored;
    }

    @Override
    public synchronized long read() {
        return stored;
    }

    @Override
    public synchronized void write(long seconds) {
        if (failing) {
            throw new IllegalStateException("database away");
        }
        stored = seconds;
        writes++;
    }

    public synchronized int writes() {
        return writes;
    }

    public synchronized void failing(boolean failing) {
        this.failing = failing;
    }
}
