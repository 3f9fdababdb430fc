package org.skaben.protocol;

/** A device topic split into its parts: {@code ask/<type>/<uid>/<command>}. */
public record Topic(String type, String uid, String command) {

    public static final String BROADCAST = "all";

    public boolean isBroadcast() {
        return BROADCAST.equals(uid);
    }

    /** Where the server answers this device: {@code <type>/<uid>/<command>}. */
    public static String outgoing(String type, String uid, String command) {
        return type + "/" + uid + "/" + command;
    }
}
