package org.skaben.demo;

/** A player action or a virtual-device request the rehearsal refuses: the HTTP status and what is wrong. */
public class ActionRefused extends RuntimeException {

    private final int status;

    public ActionRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
