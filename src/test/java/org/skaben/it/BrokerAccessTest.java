package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

/**
 * Only the devices that belong get in: credentials (shared and per device), no anonymous login unless
 * switched on, each device limited to its own topics, and TLS with a certificate made for this test.
 */
class BrokerAccessTest extends SkabenAppTestSupport {

    private static final String OWN_UID = "0a0b0c0d0e0f";
    private static final String OWN_PASSWORD = "own-secret";
    private static final String KEYSTORE_PASSWORD = "changeit";
    private Path keystore;
    private int tlsPort;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Path dir = Files.createTempDirectory("skaben-access");
            Path credentials = dir.resolve("devices.properties");
            Files.writeString(credentials, "lock_" + OWN_UID + " = " + OWN_PASSWORD + "\n");
            keystore = dir.resolve("broker.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "1",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD).inheritIO().start();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make a test certificate");
            }
            // from the support, which never hands out a port twice: ServerSocket(0) here once returned the HTTP
            // port just chosen, the broker's TLS listener took it, and the REST call was closed unanswered
            tlsPort = freePort();
            return Map.of("skaben.mqtt.acl", "true",
                    "skaben.mqtt.device-credentials", credentials.toString(),
                    "skaben.mqtt.tls-port", String.valueOf(tlsPort),
                    "skaben.mqtt.tls-keystore", keystore.toString(),
                    "skaben.mqtt.tls-keystore-password", KEYSTORE_PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String info(String text) {
        return "{\"timestamp\": " + now() + ", \"datahold\": {\"type\": \"console\", \"content\": \"" + text + "\"}}";
    }

    @Test
    void withoutTheRightCredentialsNoOneConnects() {
        assertThrows(MqttException.class, () -> new TestDevice(brokerUrl, "lock", newUid(), null, null, null),
                "anonymous access is off by default");
        assertThrows(MqttException.class, () -> new TestDevice(brokerUrl, "lock", newUid(), TestDevice.USER, "wrong", null));
        assertThrows(MqttException.class, () -> new TestDevice(brokerUrl, "lock", OWN_UID, "lock_" + OWN_UID, "wrong", null));
    }

    @Test
    void aDeviceWithItsOwnCredentialsTalksToTheServer() throws Exception {
        try (TestDevice own = new TestDevice(brokerUrl, "lock", OWN_UID, "lock_" + OWN_UID, OWN_PASSWORD, null)) {
            own.send("info", info("own login"));
            assertEquals("{\"content\":\"own login\",\"type\":\"console\"}",
                    eventually(() -> journal(OWN_UID, "info")).get(0).get("detail"));
        }
    }

    @Test
    void aDeviceMayNotSpeakForAnotherOrReadItsTopics() throws Exception {
        TestDevice victim = device("lock", newUid());
        victim.send("info", info("mine"));
        eventually(() -> journal(victim.uid(), "info"));

        // a device connected as itself publishes as the victim: the broker drops it, the server never sees it
        TestDevice intruder = new TestDevice(brokerUrl, "lock", newUid());
        intruder.sendRaw("ask/lock/" + victim.uid() + "/info", info("spoofed").getBytes());
        // witnesses: the broker has dealt with the spoofed packet (it refuses it and closes the MQTT 3.1.1
        // connection); a packet published after that arrives; then the server is idle
        eventually(() -> !intruder.isConnected());
        TestDevice honest = device("lock", newUid());
        honest.send("info", info("after"));
        eventually(() -> journal(honest.uid(), "info"));
        awaitIdle();
        assertEquals(1, journal(victim.uid(), "info").size(), "the spoofed INFO never arrived");
        intruder.close();

        // nor read what the server sends another device: its subscription to the victim's topic is refused
        try (TestDevice eavesdropper = new TestDevice(brokerUrl, "lock_" + newUid(), "lock", victim.uid(),
                TestDevice.USER, TestDevice.PASSWORD, null)) {
            assertEquals(200, http("POST", "/api/devices/" + victim.uid() + "/sync", null).statusCode());
            victim.await("cup");
            // witness: a PING published after the victim had its CUP reaches the eavesdropper (lock/all/ping);
            // the server publishes in order, so the CUP, had it been let through, would have come first
            long cupAt = now();
            eavesdropper.assertNoneBefore("cup", r -> r.topic().endsWith("/ping")
                    && ((Number) r.json().get("timestamp")).longValue() > cupAt, "a PING published after the CUP");
        }
    }

    @Test
    void devicesConnectWithTls() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        try (TestDevice secure = new TestDevice("ssl://127.0.0.1:" + tlsPort, "lock", newUid(), TestDevice.USER,
                TestDevice.PASSWORD, tls.getSocketFactory())) {
            secure.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
            assertTrue(secure.await("cup", Duration.ofSeconds(10)).topic().startsWith("lock/" + secure.uid()));
        }
    }
}
