package org.skaben.protocol;

/**
 * A packet the server will not process, with the reason a game master or device maker reads in the journal.
 * Validation failures are final: the error policy records them and never retries.
 */
public class PacketRefused extends RuntimeException {

    private final String reason;

    public PacketRefused(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The reason of the refusal behind an exception (Camel wraps what a bean throws), or its message. */
    public static String reasonOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PacketRefused refused) {
                return refused.reason();
            }
        }
        return error == null ? null : String.valueOf(error.getMessage());
    }
}
