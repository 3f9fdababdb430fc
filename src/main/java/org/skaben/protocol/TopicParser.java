package org.skaben.protocol;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits {@code ask/<type>/<uid>/<command>} and normalises the uid (protocol.md section 2). Which commands and
 * types exist is decided elsewhere (the ingress route's choice, which refuses a command no route takes, and
 * the device_type table); this only checks shape.
 */
public final class TopicParser {

    private static final String PREFIX = "ask";
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern COMMAND = Pattern.compile("[a-z]{1,16}");
    private static final Pattern MAC_PLAIN = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern MAC_SEPARATED = Pattern.compile("[0-9a-f]{2}([:-])[0-9a-f]{2}(\\1[0-9a-f]{2}){4}");

    private TopicParser() {
    }

    public static Topic parse(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new PacketRefused("empty topic");
        }
        String[] levels = topic.split("/", -1);
        if (!PREFIX.equals(levels[0])) {
            throw new PacketRefused("topic must start with ask/");
        }
        if (levels.length < 4) {
            throw new PacketRefused("too few topic levels: expected ask/<type>/<uid>/<command>");
        }
        if (levels.length > 4) {
            throw new PacketRefused("too many topic levels: expected ask/<type>/<uid>/<command>");
        }
        String type = levels[1].toLowerCase(Locale.ROOT);
        if (!TYPE.matcher(type).matches()) {
            throw new PacketRefused("malformed device type");
        }
        String command = levels[3].toLowerCase(Locale.ROOT);
        if (!COMMAND.matcher(command).matches()) {
            throw new PacketRefused("malformed command");
        }
        return new Topic(type, normaliseUid(levels[2]), command);
    }

    /** Lower-case, separators removed; {@code all} is the broadcast address. */
    public static String normaliseUid(String raw) {
        String uid = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        if (Topic.BROADCAST.equals(uid) || MAC_PLAIN.matcher(uid).matches()) {
            return uid;
        }
        if (MAC_SEPARATED.matcher(uid).matches()) {
            return uid.replace(":", "").replace("-", "");
        }
        throw new PacketRefused("malformed uid: expected 12 hex digits (MAC address)");
    }
}
