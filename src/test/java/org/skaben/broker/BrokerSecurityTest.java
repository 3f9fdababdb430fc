package org.skaben.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.junit.jupiter.api.Test;

class BrokerSecurityTest {

    /** Settings built with Map.of() (no per-device credentials), as a caller outside the wiring may. */
    private static BrokerSecurity security(boolean anonymous) {
        return new BrokerSecurity(new BrokerSecurity.Settings("server", "secret", "skaben-device", "pw", Map.of(),
                anonymous, false));
    }

    @Test
    void anAnonymousDeviceIsLetInWhenAllowedAndMayPublish() {
        Subject device = security(true).authenticate(null, null, null, null);
        assertNotNull(device, "anonymous login allowed");
        assertEquals("anonymous", device.getPrincipals(UserPrincipal.class).iterator().next().getName());
        assertTrue(security(true).authorize(device, null, CheckType.SEND, "ask.lock.aabbccddeeff.sup"));
    }

    @Test
    void anAnonymousDeviceIsRefusedWhenNotAllowed() {
        assertNull(security(false).authenticate(null, null, null, null));
        assertNull(security(false).authenticate("", null, null, null));
    }

    @Test
    void theSharedDeviceUserNeedsItsPassword() {
        assertNotNull(security(false).authenticate("skaben-device", "pw", null, null));
        assertNull(security(false).authenticate("skaben-device", "wrong", null, null));
        assertNull(security(false).authenticate("someone", "pw", null, null));
    }
}
