package org.skaben.game;

import java.util.concurrent.atomic.AtomicLong;

/** Bumped by every change that alters what devices are sent (state, permissions, simple configs). */
public class GameVersion {

    private final AtomicLong version = new AtomicLong();

    public long current() {
        return version.get();
    }

    public void bump() {
        version.incrementAndGet();
    }
}
