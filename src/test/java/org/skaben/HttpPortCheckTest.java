package org.skaben;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class HttpPortCheckTest {

    @Test
    void aTakenPortIsNamedAndAFreeOneIsNot() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            assertNotNull(HttpPortCheck.takenBy("127.0.0.1", taken.getLocalPort()));
            int port = taken.getLocalPort();
            taken.close();
            assertNull(HttpPortCheck.takenBy("127.0.0.1", port));
        }
    }
}
