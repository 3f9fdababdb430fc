package org.skaben.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Runs a database write, waiting while the database is unreachable (backoff from 200 ms to 5 s). For the
 * writes Camel cannot or must not redeliver: those made inside the error policy (a refusal's journal
 * entry), before a packet reaches a route with retries (registering a new device at ingress), and those
 * that follow an action already taken (the journal entry of a state change), whose retry would redo the
 * action (a CUP's delivery record). The packet's thread holds, so the broker holds the packets behind it.
 */
public final class DatabaseWait {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWait.class);
    private static final long MAX_WAIT_MILLIS = 5000;

    private DatabaseWait() {
    }

    public static void write(String what, Runnable write) {
        long delay = 200;
        while (true) {
            try {
                write.run();
                return;
            } catch (TransientDataAccessException | DataAccessResourceFailureException unreachable) {
                LOG.warn("{} waits {} ms for the database: {}", what, delay, unreachable.getMessage());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    throw unreachable;
                }
                delay = Math.min(delay * 2, MAX_WAIT_MILLIS);
            }
        }
    }
}
