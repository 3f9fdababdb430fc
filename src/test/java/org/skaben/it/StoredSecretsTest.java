package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An installation that set neither the device password nor the API token, restarted: the server takes the
 * ones it made up on an earlier start from its data folder, so devices and scripts keep working.
 */
class StoredSecretsTest extends SkabenAppTestSupport {

    private Path data;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            // as an earlier start of the server left them
            data = Files.createTempDirectory("skaben-data");
            Files.writeString(data.resolve("device-password"), TestDevice.PASSWORD + "\n");
            Files.writeString(data.resolve("api-token"), TOKEN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("skaben.data-dir", data.toString(),
                "skaben.mqtt.device-password", "",
                "skaben.http.token", "");
    }

    @Test
    void theSecretsOfAnEarlierStartStillLetDevicesAndScriptsIn() throws Exception {
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        lock.await("cup");
        assertEquals(200, http("GET", "/api/devices/" + lock.uid(), null).statusCode());
        assertEquals(TestDevice.PASSWORD, Files.readString(data.resolve("device-password")).trim());
        assertEquals(TOKEN, Files.readString(data.resolve("api-token")).trim());
    }
}
