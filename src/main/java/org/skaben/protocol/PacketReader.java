package org.skaben.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns an MQTT message into a {@link Packet} or refuses it with a reason (protocol.md sections 3 and 5):
 * size limit, strict UTF-8, a JSON object of bounded depth, an integer timestamp, a well-formed task_id and
 * hash.
 */
public class PacketReader {

    /** Year 9999: anything later is not a Unix timestamp a device could have stored. */
    static final long MAX_TIMESTAMP = 253_402_300_799L;
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{0,128}");

    private final int maxPayloadBytes;
    private final JsonMapper mapper;

    public PacketReader(int maxPayloadBytes, int maxNestingDepth) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxPayloadBytes)
                .maxNumberLength(64)
                .build());
    }

    public Packet read(String rawTopic, byte[] body) {
        return read(rawTopic, TopicParser.parse(rawTopic), body);
    }

    /** Reads the body of a packet whose topic is already parsed. */
    public Packet read(String rawTopic, Topic topic, byte[] body) {
        Map<String, Object> payload = parsePayload(body);
        long timestamp = timestamp(payload.get("timestamp"));
        Object taskId = payload.get("task_id");
        if (taskId != null && !(taskId instanceof String || taskId instanceof Number)
                || taskId != null && !TASK_ID.matcher(taskId.toString()).matches()) {
            throw new PacketRefused("task_id must be 1-64 letters, digits or _.:-");
        }
        Object hash = payload.get("hash");
        if (hash != null && !(hash instanceof String s && HASH.matcher(s).matches())) {
            throw new PacketRefused("hash must be a string of up to 128 letters or digits");
        }
        return new Packet(rawTopic, topic, payload, timestamp);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parsePayload(byte[] body) {
        if (body == null || body.length == 0) {
            throw new PacketRefused("empty payload: expected a JSON object");
        }
        if (body.length > maxPayloadBytes) {
            throw new PacketRefused("payload of " + body.length + " bytes is over the limit of " + maxPayloadBytes);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new PacketRefused("payload is not valid UTF-8");
        }
        Object json;
        try {
            json = mapper.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new PacketRefused("payload is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(json instanceof Map)) {
            throw new PacketRefused("payload must be a JSON object");
        }
        return new LinkedHashMap<>((Map<String, Object>) json);
    }

    static long timestamp(Object value) {
        if (value == null) {
            throw new PacketRefused("timestamp is missing");
        }
        long ts;
        if (value instanceof Integer || value instanceof Long) {
            ts = ((Number) value).longValue();
        } else if (value instanceof String s && s.matches("\\d{1,12}")) {
            ts = Long.parseLong(s);
        } else {
            throw new PacketRefused("timestamp must be an integer number of Unix seconds");
        }
        if (ts < 0 || ts > MAX_TIMESTAMP) {
            throw new PacketRefused("timestamp " + ts + " is out of range");
        }
        return ts;
    }
}
