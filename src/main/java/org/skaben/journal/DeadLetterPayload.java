package org.skaben.journal;

import java.nio.charset.StandardCharsets;
import org.skaben.device.Json;
import org.skaben.protocol.Packet;

/** What a dead letter keeps of a packet: its JSON payload as text, so it can be read and replayed. */
public final class DeadLetterPayload {

    private DeadLetterPayload() {
    }

    public static String of(Object body) {
        if (body instanceof Packet packet) {
            return Json.write(packet.payload());
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body == null ? null : String.valueOf(body);
    }
}
