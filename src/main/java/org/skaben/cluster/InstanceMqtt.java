package org.skaben.cluster;

/**
 * What the MQTT broker sees of one instance of several: client ids of its own (a broker disconnects the older of
 * two clients with one id, so two instances with the same ids would take turns knocking each other off), and an
 * ingress subscription in a shared group, so that the broker hands each device packet to one instance only.
 */
public final class InstanceMqtt {

    private InstanceMqtt() {
    }

    /** The prefix of this instance's client ids ({@code <prefix>-ingress}, {@code <prefix>-egress}). */
    public static String clientIdPrefix(String prefix, InstanceId instance) {
        return prefix.trim() + "-" + instance.value();
    }

    /** The MQTT 5 shared subscription of {@code filter} in {@code group}: {@code $share/<group>/<filter>}. */
    public static String sharedFilter(String group, String filter) {
        String g = group == null ? "" : group.trim();
        if (g.isEmpty() || g.contains("/") || g.contains("+") || g.contains("#")) {
            throw new IllegalArgumentException("skaben.cluster.group must be a non-empty name without '/', '+' or "
                    + "'#' (it is one level of $share/<group>/<filter>), not '" + group + "'");
        }
        if (filter.startsWith("$share/")) {
            throw new IllegalArgumentException("the ingress topic '" + filter + "' is already a shared subscription");
        }
        return "$share/" + g + "/" + filter.trim();
    }
}
