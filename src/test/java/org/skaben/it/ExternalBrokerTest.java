package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The server on an external broker (Debian's mosquitto, started here; .ci/run installs it): the protocol works
 * through it, and when it goes away and comes back the server reconnects, resubscribes and carries on.
 */
class ExternalBrokerTest extends OnMosquittoTestSupport {

    @Test
    void theProtocolWorksThroughMosquittoAndSurvivesItsRestart() throws Exception {
        Mosquitto.check();
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        assertEquals(true, lock.await("cup").datahold().get("closed"));
        lock.await("ping");

        mosquitto.stop();
        Thread.sleep(1000);
        mosquitto.start();

        // devices reconnect by themselves; so does the server, which resubscribes and pings again
        TestDevice back = device("lock", lock.uid().substring(0, 6) + "a0a0a0");
        back.await("ping", Duration.ofSeconds(20));
        // the server's subscriber reconnects on its own schedule; a QoS 0 packet sent before it has resubscribed
        // is dropped by the broker, so the device repeats it until the journal shows it
        repeatUntilJournaled(back, "info", "{\"timestamp\": 1, \"datahold\": {\"type\": \"console\", \"content\": \"after restart\"}}", "info");
        back.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        back.await("cup");
    }
}
