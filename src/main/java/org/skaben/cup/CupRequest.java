package org.skaben.cup;

/**
 * What direct:cup-push is asked to send, as its body: a CUP to one device (or to a simple type's broadcast
 * address, uid {@code all}), why (the end of its journal entry), who asked (the journal's source), whether a
 * person or the device itself asked (then a device under override gets it too) and whether it replaces the
 * device's config instead of merging. Routes build one with {@link #automatic} or {@link #manual}.
 */
public record CupRequest(String type, String uid, String reason, String source, boolean manual,
                         boolean overwrite) {

    /** The server decided (a state change, registration, hash drift): a device under override gets none. */
    public static CupRequest automatic(String type, String uid, String reason, String source) {
        return new CupRequest(type, uid, reason, source, false, false);
    }

    /** A person or the device itself asked: sent under override too. */
    public static CupRequest manual(String type, String uid, String reason, String source) {
        return new CupRequest(type, uid, reason, source, true, false);
    }

    /** The same request, replacing the device's config ({@code overwrite} + FORCE) when {@code replace} is set. */
    public CupRequest overwriting(boolean replace) {
        return new CupRequest(type, uid, reason, source, manual, replace);
    }
}
