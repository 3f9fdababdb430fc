package org.skaben.api;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.skaben.Headers;

/**
 * Who may call the operator API, and who the journal says did it: the bearer token (a script; source
 * {@code operator}, or {@code operator:<name>} with an {@code X-Skaben-Operator} header), or the console's
 * signed session cookie (source {@code operator:<name>}, the name it was signed in with).
 */
public class ApiAccess {

    /** The optional header a script names its operator with. */
    public static final String OPERATOR_HEADER = "X-Skaben-Operator";

    private final BearerToken token;
    private final SessionCookie session;

    public ApiAccess(BearerToken token, SessionCookie session) {
        this.token = token;
        this.session = session;
    }

    public BearerToken token() {
        return token;
    }

    public SessionCookie session() {
        return session;
    }

    /** Whether the request may call the API at all (compared in constant time). */
    public boolean accepts(String authorization, String cookie) {
        return token.accepts(authorization) || authorization == null && session.operator(cookie).isPresent();
    }

    /**
     * The journal's source for a request: refused 401 without the token or a valid session cookie, 400 with a
     * malformed operator name. A request that sends a bearer header is judged by it alone.
     */
    public String source(String authorization, String cookie, String operatorHeader) {
        if (token.accepts(authorization)) {
            return operatorHeader == null ? "operator"
                    : OperatorName.source(OperatorName.check(operatorHeader, OPERATOR_HEADER));
        }
        if (authorization != null) {
            throw new ApiException(401, "wrong bearer token");
        }
        Optional<String> operator = session.operator(cookie);
        if (operator.isPresent()) {
            return OperatorName.source(operator.get());
        }
        throw new ApiException(401, SessionCookie.present(cookie)
                ? "the session is not valid or has expired: sign in again" : "missing bearer token");
    }

    /**
     * The first step of every direct:api-* route: the caller checked, the journal's source set, and the
     * credentials dropped from the message so that nothing downstream sees or logs them.
     */
    public void authorize(Exchange exchange) {
        Message message = exchange.getMessage();
        String source = source(message.getHeader("Authorization", String.class),
                message.getHeader("Cookie", String.class), message.getHeader(OPERATOR_HEADER, String.class));
        message.removeHeader("Authorization");
        message.removeHeader("Cookie");
        message.removeHeader(OPERATOR_HEADER);
        message.setHeader(Headers.SOURCE, source);
    }
}
