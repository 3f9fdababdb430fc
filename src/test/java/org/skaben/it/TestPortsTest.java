package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ports the test support gives a server's listeners never clash. A clash does not fail the start: Camel's
 * Vert.x HTTP server only logs "Address already in use", and the REST calls go to the broker's listener on
 * that port (BrokerAccessTest: its TLS port was ServerSocket(0)'s second answer, which can repeat the HTTP
 * port), which closes them unanswered: "IOException: HTTP/1.1 header parser received no bytes".
 */
class TestPortsTest {

    @Test
    void aPortIsHandedOutOnceAndNeverFromTheEphemeralRange() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            int port = SkabenAppTestSupport.freePort();
            assertTrue(seen.add(port), "port " + port + " handed out twice");
            // Linux's default ip_local_port_range starts at 32768: where ServerSocket(0) and outgoing
            // connections take theirs
            assertTrue(port < 32768, "port " + port + " is in the ephemeral range");
        }
    }
}
