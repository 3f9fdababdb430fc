package org.skaben.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import org.skaben.device.Json;

/** A request body read as a JSON object, and its fields checked one by one: a 400 with the reason otherwise. */
final class JsonBody {

    private final Map<String, Object> fields;

    private JsonBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    static JsonBody of(String body, String... allowed) {
        if (body == null || body.isBlank()) {
            throw new ApiException(400, "the request body must be a JSON object");
        }
        Object value;
        try {
            value = Json.MAPPER.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ApiException(400, "the request body must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        if (allowed.length > 0) {
            for (String key : fields.keySet()) {
                if (!List.of(allowed).contains(key)) {
                    throw new ApiException(400, "unknown field '" + key + "': expected " + String.join(", ", allowed));
                }
            }
        }
        return new JsonBody(fields);
    }

    Map<String, Object> fields() {
        return fields;
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    String text(String key, String fallback) {
        Object v = fields.get(key);
        if (v == null) {
            if (fallback == null) {
                throw new ApiException(400, "\"" + key + "\" is required");
            }
            return fallback;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new ApiException(400, "\"" + key + "\" must be a non-empty string");
        }
        return s;
    }

    Integer integer(String key, Integer fallback) {
        Object v = fields.get(key);
        if (v == null) {
            if (fallback == null) {
                throw new ApiException(400, "\"" + key + "\" is required");
            }
            return fallback;
        }
        if (!(v instanceof Integer i)) {
            throw new ApiException(400, "\"" + key + "\" must be an integer");
        }
        return i;
    }

    Boolean bool(String key, Boolean fallback) {
        Object v = fields.get(key);
        if (v == null) {
            if (fallback == null) {
                throw new ApiException(400, "\"" + key + "\" is required (true or false)");
            }
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new ApiException(400, "\"" + key + "\" must be true or false");
        }
        return b;
    }

    List<?> list(String key) {
        Object v = fields.get(key);
        if (!(v instanceof List<?> l)) {
            throw new ApiException(400, "\"" + key + "\" must be an array");
        }
        return l;
    }
}
