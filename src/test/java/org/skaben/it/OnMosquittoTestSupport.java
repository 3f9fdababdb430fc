package org.skaben.it;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The server under test on a private mosquitto (with the settings the test class gives) instead of its embedded
 * broker; each test calls {@link Mosquitto#check()} first, as it is skipped where mosquitto is not installed.
 */
abstract class OnMosquittoTestSupport extends SkabenAppTestSupport {

    protected Mosquitto mosquitto;

    /** mosquitto.conf lines beyond the tests' own. */
    protected String mosquittoSettings() {
        return "";
    }

    @Override
    protected Map<String, String> extraProperties() {
        mosquitto = Mosquitto.startIfInstalled(mqttPort, mosquittoSettings());
        if (mosquitto == null) {
            return Map.of();
        }
        return Map.of("skaben.mqtt.embedded", "false", "skaben.mqtt.url", brokerUrl);
    }

    @AfterAll
    void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }
}
