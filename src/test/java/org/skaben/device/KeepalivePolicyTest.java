package org.skaben.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class KeepalivePolicyTest {

    private final KeepalivePolicy policy = new KeepalivePolicy(60);

    @Test
    void aDeviceOnePingBehindIsInStep() {
        assertNull(policy.cupReason(1000, 990, "h", "h"));
    }

    @Test
    void lagAtTheTimeoutIsStillInStep() {
        assertNull(policy.cupReason(1000, 940, null, "h"));
    }

    @Test
    void lagOverTheTimeoutNeedsACup() {
        assertEquals("keepalive lag 61 s over 60 s", policy.cupReason(1000, 939, "h", "h"));
    }

    @Test
    void anotherHashNeedsACup() {
        assertEquals("config hash drift", policy.cupReason(1000, 995, "old", "new"));
    }

    @Test
    void noHashMeansNoDriftCheck() {
        assertNull(policy.cupReason(1000, 995, null, "new"));
        assertNull(policy.cupReason(1000, 995, "", "new"));
    }

    @Test
    void aTimestampFromTheFutureIsNotLag() {
        assertNull(policy.cupReason(1000, 5000, null, "h"));
    }
}
