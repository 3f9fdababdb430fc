package org.skaben.api;

import org.apache.camel.Exchange;
import org.apache.camel.spi.RestClientRequestValidator;

/**
 * Runs in the REST binding before it reads the body (the API's verbs turn on clientRequestValidation for it):
 * a request without the right token (or the console's session cookie) has its body dropped unread, so the route's own token check answers it
 * 401, and journals it, whatever the body held; a broken body is only ever reported to whoever holds the token.
 */
public class TokenBeforeBody implements RestClientRequestValidator {

    private final ApiAccess access;

    public TokenBeforeBody(ApiAccess access) {
        this.access = access;
    }

    @Override
    public ValidationError validate(Exchange exchange, ValidationContext validationContext) {
        if (!access.accepts(exchange.getIn().getHeader("Authorization", String.class),
                exchange.getIn().getHeader("Cookie", String.class))) {
            exchange.getIn().setBody(null);
        }
        return null;
    }
}
