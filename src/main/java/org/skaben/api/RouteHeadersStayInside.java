package org.skaben.api;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.skaben.Headers;

/**
 * The HTTP server's header filter: besides Camel's own, the {@code skaben*} headers (the routes' contract, see
 * {@link Headers}) neither come in from a request (a caller cannot set a journal entry's source, kind or device)
 * nor go out in an answer (a restore's journal detail would not fit an HTTP header).
 */
public class RouteHeadersStayInside extends HttpHeaderFilterStrategy {

    private static final String[] FILTERED = {"camel", "org.apache.camel.", "skaben"};

    @Override
    protected void initialize() {
        super.initialize();
        setOutFilterStartsWith(FILTERED);
        setInFilterStartsWith(FILTERED);
    }
}
