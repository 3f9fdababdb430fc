package org.skaben.api;

import java.util.List;
import java.util.Map;
import org.skaben.cup.OutgoingMessage;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.Json;
import org.skaben.journal.DeadLetterRepository;

/** The dead letters a game master can read and send through the server again (DeadLetterRoutes). */
public class DeadLetterApi {

    /** What a replay published, and where. */
    public record Replayed(String replayed, String topic) {
    }

    private final DeadLetterRepository letters;

    public DeadLetterApi(DeadLetterRepository letters) {
        this.letters = letters;
    }

    public List<Map<String, Object>> list(String limit) {
        return letters.newestFirst(Fields.limit(limit));
    }

    /** The packet to replay: the letter's topic and payload, published again as the device sent them. */
    public OutgoingMessage replay(String id) {
        long key = Fields.id(id);
        Map<String, Object> letter = letters.find(key)
                .orElseThrow(() -> new DeviceRegistry.NotFound("dead letter " + id + " does not exist"));
        if (letter.get("topic") == null || letter.get("payload") == null) {
            throw new ApiException(409, "dead letter " + id + " has no topic or payload to replay");
        }
        Map<String, Object> payload;
        try {
            payload = Json.readObject((String) letter.get("payload"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(409, "dead letter " + id + " holds no JSON object to replay");
        }
        letters.markReplayed(key);
        return new OutgoingMessage((String) letter.get("topic"), payload);
    }
}
