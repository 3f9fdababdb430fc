package org.skaben.api;

import org.skaben.protocol.PacketRefused;
import org.skaben.protocol.TopicParser;

/**
 * The checks a request record's fields and the path and query parameters share: a 400 naming the field
 * otherwise. Jackson has already checked each field's JSON type (see {@link ApiJson}); these check presence
 * and form.
 */
final class Fields {

    private Fields() {
    }

    /** The body itself: none, or JSON null, is no request. */
    static <T> T body(T body) {
        if (body == null) {
            throw new ApiException(400, "the request body must be a JSON object");
        }
        return body;
    }

    static String text(String value, String name, String fallback) {
        String text = orFallback(value, name, fallback, "is required");
        if (text.isBlank()) {
            throw new ApiException(400, ApiJson.field(name, "must be a non-empty string"));
        }
        return text;
    }

    static int integer(Integer value, String name, Integer fallback) {
        return orFallback(value, name, fallback, "is required");
    }

    static boolean bool(Boolean value, String name, Boolean fallback) {
        return orFallback(value, name, fallback, "is required (true or false)");
    }

    /** An absent field takes its fallback; without one it is required. */
    private static <T> T orFallback(T value, String name, T fallback, String required) {
        if (value != null) {
            return value;
        }
        if (fallback == null) {
            throw new ApiException(400, ApiJson.field(name, required));
        }
        return fallback;
    }

    /** A device's uid as the registry keeps it (12 lower-case hex digits); never the broadcast address. */
    static String uid(String raw) {
        try {
            String uid = TopicParser.normaliseUid(raw);
            if ("all".equals(uid)) {
                throw new ApiException(400, "'all' is not a device");
            }
            return uid;
        } catch (PacketRefused e) {
            throw new ApiException(400, e.reason());
        }
    }

    /** A row's id in the path. */
    static long id(String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            throw new ApiException(400, "an id is a number");
        }
        return Long.parseLong(id);
    }

    /** ?limit=: 1..1000, 100 when not given. */
    static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 100;
        }
        if (!limit.matches("\\d{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > 1000) {
            throw new ApiException(400, "limit must be 1..1000");
        }
        return Integer.parseInt(limit);
    }
}
