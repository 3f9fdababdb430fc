package org.skaben.broker;

import java.util.regex.Pattern;

/**
 * The topic rules for a device client (issue: access control): a device {@code <type>_<uid>} may publish only
 * under {@code ask/<type>/<uid>/} and subscribe only to {@code <type>/<uid>/...} and {@code <type>/all/...}.
 * Topics arrive as Artemis addresses ({@code /} is {@code .}, {@code +} is {@code *}).
 */
public final class DeviceAcl {

    // checked on every publish while the ACL is on
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern UID = Pattern.compile("[0-9a-f]{12}");

    private DeviceAcl() {
    }

    /** The device's identity from its client id or user name, {@code <type>_<uid>}; null if it is not one. */
    public static String[] identity(String name) {
        if (name == null) {
            return null;
        }
        int split = name.lastIndexOf('_');
        if (split <= 0 || split == name.length() - 1) {
            return null;
        }
        String type = name.substring(0, split);
        String uid = name.substring(split + 1).toLowerCase();
        if (!TYPE.matcher(type).matches() || !UID.matcher(uid).matches()) {
            return null;
        }
        return new String[] {type, uid};
    }

    public static boolean mayPublish(String[] device, String address) {
        return device != null && topic(address).startsWith("ask/" + device[0] + "/" + device[1] + "/")
                && !hasWildcard(topic(address));
    }

    public static boolean maySubscribe(String[] device, String address) {
        String filter = topic(address);
        return device != null && (filter.startsWith(device[0] + "/" + device[1] + "/")
                || filter.startsWith(device[0] + "/all/"));
    }

    /** The MQTT topic of an Artemis address (a queue check may name "address::queue"). */
    static String topic(String address) {
        String bare = address == null ? "" : address;
        int fqqn = bare.indexOf("::");
        if (fqqn >= 0) {
            bare = bare.substring(0, fqqn);
        }
        return bare.replace('.', '/').replace('*', '+');
    }

    private static boolean hasWildcard(String topic) {
        return topic.contains("+") || topic.contains("#");
    }
}
