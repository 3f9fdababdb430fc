package org.skaben.cluster;

import java.time.Duration;

/**
 * How long a lease lasts, how often it is renewed (and how often a follower asks for it), and how long before
 * its end a leader that could not renew it stops leading.
 */
public record LeaseTimes(Duration lease, Duration renew, Duration margin) {

    public LeaseTimes {
        if (renew.isZero() || renew.isNegative() || margin.isNegative() || renew.plus(margin).compareTo(lease) >= 0) {
            throw new IllegalArgumentException("a lease of " + lease + " cannot be renewed every " + renew
                    + " and given up " + margin + " before its end");
        }
    }

    /**
     * Renewed every third of the lease, given up a quarter of it before its end: a leader survives two lost
     * renewals, and a follower takes over at most a lease and a renew interval after the leader's last renewal.
     */
    public static LeaseTimes of(Duration lease) {
        return new LeaseTimes(lease, lease.dividedBy(3), lease.dividedBy(4));
    }
}
