package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;

/**
 * The deployed SKABEN devices, unchanged: the skabenclient devices log in with the fixed broker login of their
 * public config and the client id {@code <type>_<uid>}, with the topic ACL on (README, "Connecting the deployed
 * SKABEN devices"); the deployed terminal's SUPs carry its local {@code assets} (protocol.md 4.5).
 */
class DeployedDevicesTest extends SkabenAppTestSupport {

    /** The login in the deployed devices' public config (skabenclient system config, MicroPython firmware). */
    static final String DEPLOYED_USER = "mqtt";
    static final String DEPLOYED_PASSWORD = "skabent0mqtt";
    /** The terminal whose SUPs were captured on the wire. */
    private static final String TERMINAL = "0a1b2c3d4e60";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("skaben.mqtt.device-username", DEPLOYED_USER,
                "skaben.mqtt.device-password", DEPLOYED_PASSWORD,
                "skaben.mqtt.acl", "true");
    }

    /** A device as skabenclient connects it: MQTT 3.1.1, client id {@code <type>_<uid>}, the deployed login. */
    private TestDevice deployed(String type, String uid) throws MqttException {
        return new TestDevice(brokerUrl, type, uid, DEPLOYED_USER, DEPLOYED_PASSWORD, null);
    }

    /** The CUPs every type gets at server start are out: from now on a device gets only the CUPs a test causes. */
    private void startupSyncDone() throws InterruptedException {
        eventually(() -> journal("all", "cup").stream()
                .filter(r -> String.valueOf(r.get("detail")).endsWith(": server start")).toList());
    }

    @Test
    void aDeviceWithTheDeployedLoginConnectsUnderTheAclAndGetsItsCup() throws Exception {
        try (TestDevice lock = deployed("lock", newUid())) {
            // skabenclient asks for its config as soon as it is connected
            lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}, \"task_id\": \"1234567890\"}");
            TestDevice.Received cup = lock.await("cup");
            assertEquals("lock/" + lock.uid() + "/cup", cup.topic());
            assertEquals(true, cup.datahold().get("closed"));

            // the ACL is on for this login: publishing as another device does not reach the server
            String victim = newUid();
            try (TestDevice intruder = deployed("lock", newUid())) {
                intruder.sendRaw("ask/lock/" + victim + "/info",
                        "{\"timestamp\": 1, \"datahold\": {\"type\": \"console\", \"content\": \"spoofed\"}}".getBytes());
            } catch (MqttException refusedOrDisconnected) {
                // either way nothing reaches the server
            }
            // witnesses: a packet of the honest device sent after it is journaled, then the server is idle (the
            // spoofed topic names another device, whose packets would be on another ingress lane)
            lock.send("info", "{\"timestamp\": 1, \"datahold\": {\"type\": \"console\", \"content\": \"after\"}}");
            eventually(() -> journal(lock.uid(), "info"));
            awaitIdle();
            assertEquals(0, (int) db().queryForObject("SELECT COUNT(*) FROM event WHERE uid = ?", Integer.class, victim));
        }
    }

    @Test
    void aRealTerminalsBlockAndHackAreAppliedAndItsAssetsLeftOut() throws Exception {
        startupSyncDone();
        try (TestDevice terminal = deployed("terminal", TERMINAL)) {
            terminal.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}, \"task_id\": \"1000000001\"}");
            TestDevice.Received first = terminal.await("cup");
            assertEquals(false, first.datahold().get("blocked"));
            assertEquals(false, first.datahold().get("hacked"));

            // exactly as captured from the unmodified client (its timestamps are any the server accepts)
            terminal.send("sup", "{\"timestamp\": 1796033911, \"datahold\": {\"blocked\": true, \"assets\": {}}, \"task_id\": \"8593437741\"}");
            terminal.send("sup", "{\"timestamp\": 1796033917, \"datahold\": {\"hacked\": true, \"assets\": {}}, \"task_id\": \"2019573199\"}");

            List<Map<String, Object>> rows = eventually(() -> journal(TERMINAL, "sup").size() == 2 ? journal(TERMINAL, "sup") : null);
            // one row per SUP, naming what was left out
            assertEquals("{\"hacked\":true} (left out, a terminal may not change: assets)", rows.get(0).get("detail"));
            assertEquals("{\"blocked\":true} (left out, a terminal may not change: assets)", rows.get(1).get("detail"));
            assertEquals(List.of(), journal(TERMINAL, "refused"));
            assertEquals(Map.of("blocked", true, "hacked", true), Json.readObject(db().queryForObject(
                    "SELECT reported_state FROM device WHERE uid = ?", String.class, TERMINAL)));
            Map<String, Object> config = Json.readObject(db().queryForObject(
                    "SELECT config FROM device WHERE uid = ?", String.class, TERMINAL));
            assertEquals(true, config.get("blocked"));
            assertEquals(true, config.get("hacked"));
            assertTrue(!config.containsKey("assets"), "assets are the terminal's own: " + config);

            // witness: the next CUP the terminal gets is the one this sync sends, and it keeps the hack; a CUP
            // undoing it (the answer to a refused SUP) would have come before it
            assertEquals(200, http("POST", "/api/devices/" + TERMINAL + "/sync", null).statusCode());
            TestDevice.Received next = terminal.await("cup");
            assertEquals(true, next.datahold().get("blocked"));
            assertEquals(true, next.datahold().get("hacked"));
            List<Map<String, Object>> cups = journal(TERMINAL, "cup");
            assertEquals(2, cups.size(), "the CUP it asked for and the sync's, nothing else: " + cups);
            assertTrue(String.valueOf(cups.get(0).get("detail")).startsWith("task " + next.datahold().get("task_id") + " ")
                    && String.valueOf(cups.get(0).get("detail")).endsWith(": sync requested by operator"), cups.toString());
        }
    }
}
