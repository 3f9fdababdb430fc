package org.skaben.api;

/** A request the operator API refuses, with the HTTP status and the reason it answers. */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
