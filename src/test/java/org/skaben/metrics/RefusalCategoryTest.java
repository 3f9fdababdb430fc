package org.skaben.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceRepository;
import org.skaben.device.DeviceType;
import org.skaben.device.DeviceTypeRepository;
import org.skaben.device.SupValidator;
import org.skaben.handler.InfoReader;
import org.skaben.protocol.Packet;
import org.skaben.protocol.PacketReader;
import org.skaben.protocol.PacketRefused;
import org.skaben.protocol.TopicParser;

/**
 * Each refusal the server makes falls in its category. The reasons are produced by the code that refuses
 * wherever that runs without a broker, so a reworded reason that would slip into "other" fails here.
 */
class RefusalCategoryTest {

    private static final String UID = "aabbccddeeff";
    private final PacketReader reader = new PacketReader(64, 4);

    private static String reason(Executable refusing) {
        return assertThrows(PacketRefused.class, refusing).reason();
    }

    private static void assertCategory(RefusalCategory expected, String reason) {
        assertEquals(expected, RefusalCategory.of(reason), reason);
    }

    private String payloadRefusal(String json) {
        return reason(() -> reader.read("ask/lock/" + UID + "/sup", json.getBytes(StandardCharsets.UTF_8)));
    }

    private Packet packet(String type, String uid, String command, Map<String, Object> payload) {
        String topic = "ask/" + type + "/" + uid + "/" + command;
        return new Packet(topic, TopicParser.parse(topic), payload, 1);
    }

    @Test
    void badTopics() {
        for (String topic : new String[] {"", "tell/lock/" + UID + "/sup", "ask/lock/" + UID, "ask/lock/" + UID + "/sup/x",
                "ask/Lock!/" + UID + "/sup", "ask/lock/" + UID + "/d4nce", "ask/lock/nope/sup"}) {
            assertCategory(RefusalCategory.TOPIC, reason(() -> TopicParser.parse(topic)));
        }
        // thrown by the ingress route's otherwise branch (routes/ingress.camel.yaml)
        assertCategory(RefusalCategory.TOPIC, "unknown command 'dance'");
    }

    @Test
    void badPayloads() {
        assertCategory(RefusalCategory.JSON, payloadRefusal(""));
        assertCategory(RefusalCategory.JSON, reason(() -> reader.read("ask/lock/" + UID + "/sup", new byte[] {(byte) 0xff})));
        assertCategory(RefusalCategory.JSON, payloadRefusal("{\"timestamp\": "));
        assertCategory(RefusalCategory.JSON, payloadRefusal("[1]"));
        assertCategory(RefusalCategory.JSON, payloadRefusal("{\"timestamp\": 1, \"task_id\": \"a b\"}"));
        assertCategory(RefusalCategory.JSON, payloadRefusal("{\"timestamp\": 1, \"hash\": 5}"));
        // an INFO without datahold is refused before the device's type is looked at
        assertCategory(RefusalCategory.JSON,
                reason(() -> new InfoReader(null).describe(packet("lock", UID, "info", Map.of("timestamp", 1)))));
    }

    @Test
    void limits() {
        assertCategory(RefusalCategory.SIZE, payloadRefusal("{\"timestamp\": 1, \"x\": \"" + "a".repeat(100) + "\"}"));
        assertCategory(RefusalCategory.SIZE, payloadRefusal("{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}"));
    }

    @Test
    void badTimestamps() {
        assertCategory(RefusalCategory.TIMESTAMP, payloadRefusal("{}"));
        assertCategory(RefusalCategory.TIMESTAMP, payloadRefusal("{\"timestamp\": 1.5}"));
        assertCategory(RefusalCategory.TIMESTAMP, payloadRefusal("{\"timestamp\": -1}"));
    }

    @Test
    void devicesTheServerDoesNotServe() {
        JDBCDataSource db = new JDBCDataSource();
        db.setUrl("jdbc:hsqldb:mem:refusals-" + System.nanoTime());
        db.setUser("SA");
        Flyway.configure().dataSource(db).load().migrate();
        DeviceRegistry open = new DeviceRegistry(new DeviceRepository(db), new DeviceTypeRepository(db), true,
                type -> "locks register only while the alert state is white");
        DeviceRegistry closed = new DeviceRegistry(new DeviceRepository(db), new DeviceTypeRepository(db), false);
        Map<String, Object> ts = Map.of("timestamp", 1);

        assertCategory(RefusalCategory.UNKNOWN_TYPE, reason(() -> open.admit(packet("toaster", UID, "pong", ts))));
        // switched off as the operator API's route does it: the row, then the registry reads the types again
        new JdbcTemplate(db).update("UPDATE device_type SET active = FALSE WHERE name = 'box'");
        open.reloadTypes();
        assertCategory(RefusalCategory.UNKNOWN_TYPE, reason(() -> open.admit(packet("box", UID, "pong", ts))));
        assertCategory(RefusalCategory.TOPIC, reason(() -> open.admit(packet("lock", "all", "pong", ts))));

        assertCategory(RefusalCategory.UNREGISTERED, reason(() -> open.admit(packet("lock", UID, "pong", ts))));
        assertCategory(RefusalCategory.UNREGISTERED, reason(() -> closed.admit(packet("lock", UID, "pong", ts))));
        open.register(open.requireType("lock"), UID);
        assertCategory(RefusalCategory.UNREGISTERED, reason(() -> open.admit(packet("terminal", UID, "pong", ts))));
    }

    @Test
    void repeatsAndSupFields() {
        // thrown by the ingress route's idempotent consumer
        assertCategory(RefusalCategory.DUPLICATE, "duplicate task_id t-1: already applied");
        DeviceType lock = new DeviceType("lock", true, true, Map.of(), Map.of("closed", "boolean"));
        assertCategory(RefusalCategory.SUP_FIELD, reason(() -> SupValidator.validate(lock, "closed")));
        assertCategory(RefusalCategory.SUP_FIELD, reason(() -> SupValidator.validate(lock, Map.of())));
        assertCategory(RefusalCategory.SUP_FIELD, reason(() -> SupValidator.validate(lock, Map.of("acl", 1))));
        assertCategory(RefusalCategory.SUP_FIELD, reason(() -> SupValidator.validate(lock, Map.of("closed", "yes"))));
    }

    @Test
    void anythingElseIsOther() {
        assertCategory(RefusalCategory.OTHER, "the moon is in the wrong phase");
        assertCategory(RefusalCategory.OTHER, null);
    }

    @Test
    void labelsAreTheTagValues() {
        assertEquals("unknown-type", RefusalCategory.UNKNOWN_TYPE.label());
        assertEquals("sup-field", RefusalCategory.SUP_FIELD.label());
    }
}
