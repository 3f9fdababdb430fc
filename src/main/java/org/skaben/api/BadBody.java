package org.skaben.api;

/**
 * What the REST binding hands on instead of a request record when the body could not be read: Camel's binding
 * would answer a bare "Invalid JSon payload." itself, so {@link ApiJsonFormat} never fails, and the route
 * refuses this with the reason (400) once the token has been checked.
 */
public record BadBody(String reason) {

    ApiException refusal() {
        return new ApiException(400, reason);
    }
}
