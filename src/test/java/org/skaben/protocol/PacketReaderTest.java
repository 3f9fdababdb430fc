package org.skaben.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketReaderTest {

    private final PacketReader reader = new PacketReader(1024, 8);

    private Packet read(String json) {
        return reader.read("ask/lock/aabbccddeeff/sup", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAValidPacket() {
        Packet p = read("{\"timestamp\": 1795663661, \"task_id\": \"t1\", \"datahold\": {\"closed\": false}}");
        assertEquals(1795663661L, p.timestamp());
        assertEquals("t1", p.taskId());
        assertEquals(Map.of("closed", false), p.datahold());
        assertEquals("sup", p.command());
    }

    @Test
    void acceptsANumericStringTimestamp() {
        assertEquals(42L, read("{\"timestamp\": \"42\"}").timestamp());
    }

    @Test
    void findsTaskIdInsideDatahold() {
        assertEquals("c-1", read("{\"timestamp\": 1, \"datahold\": {\"task_id\": \"c-1\"}}").taskId());
        assertNull(read("{\"timestamp\": 1}").taskId());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json|payload is not valid JSON",
        "[1, 2]|payload must be a JSON object",
        "\"text\"|payload must be a JSON object",
        "{}|timestamp is missing",
        "{\"timestamp\": \"soon\"}|timestamp must be an integer",
        "{\"timestamp\": 1.5}|timestamp must be an integer",
        "{\"timestamp\": -1}|timestamp -1 is out of range",
        "{\"timestamp\": 99999999999999}|timestamp 99999999999999 is out of range",
        "{\"timestamp\": 1, \"timestamp\": 2}|payload is not valid JSON",
        "{\"timestamp\": 1, \"task_id\": \"a b\"}|task_id must be",
        "{\"timestamp\": 1, \"task_id\": {}}|task_id must be",
        "{\"timestamp\": 1, \"hash\": 5}|hash must be"})
    void refusesBadPayloads(String json, String reason) {
        PacketRefused refused = assertThrows(PacketRefused.class, () -> read(json));
        assertTrue(refused.reason().startsWith(reason), refused.reason());
    }

    @Test
    void refusesEmptyOversizedDeepAndNonUtf8() {
        assertThrows(PacketRefused.class, () -> reader.read("ask/lock/aabbccddeeff/sup", new byte[0]));
        String big = "{\"timestamp\": 1, \"x\": \"" + "a".repeat(2000) + "\"}";
        assertTrue(assertThrows(PacketRefused.class, () -> read(big)).reason().contains("over the limit of 1024"));
        String deep = "{\"timestamp\": 1, \"x\": " + "[".repeat(20) + "]".repeat(20) + "}";
        assertTrue(assertThrows(PacketRefused.class, () -> read(deep)).reason().startsWith("payload is not valid JSON"));
        byte[] latin1 = "{\"timestamp\": 1, \"x\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("payload is not valid UTF-8", assertThrows(PacketRefused.class,
                () -> reader.read("ask/lock/aabbccddeeff/sup", latin1)).reason());
    }
}
