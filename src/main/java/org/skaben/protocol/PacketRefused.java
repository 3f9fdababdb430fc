package org.skaben.protocol;

/**
 * A packet the server will not process, with the reason a game master or device maker reads in the journal.
 * Validation failures are final: the error policy records them and never retries.
 */
public class PacketRefused extends RuntimeException {

    private final String reason;
    private final boolean repeat;

    public PacketRefused(String reason) {
        this(reason, false);
    }

    /** {@code repeat}: the same refusal of the same device was journaled before and is only counted now. */
    public PacketRefused(String reason, boolean repeat) {
        super(reason, null, false, false);
        this.reason = reason;
        this.repeat = repeat;
    }

    public String reason() {
        return reason;
    }

    /** Whether the refusal behind an exception goes into the journal: all do but counted repeats. */
    public static boolean journaled(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PacketRefused refused) {
                return !refused.repeat;
            }
        }
        return true;
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
