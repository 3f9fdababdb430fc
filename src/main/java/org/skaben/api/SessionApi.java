package org.skaben.api;

import org.skaben.journal.JournalRepository;

/**
 * /api/session: the console's sign-in. The API token and an operator name give a signed session cookie
 * ({@link SessionCookie}); what the console does with it is journaled as {@code operator:<name>}.
 */
public class SessionApi {

    /** POST /api/session. */
    public record SignIn(String token, String operator) {
    }

    /** Who is signed in: the operator's name (null for a script with the bare token). */
    public record SessionView(String operator) {
    }

    /** A sign-in's answer and the Set-Cookie header that goes with it. */
    public record SignedIn(SessionView session, String setCookie) {
    }

    private final ApiAccess access;
    private final JournalRepository journal;

    public SessionApi(ApiAccess access, JournalRepository journal) {
        this.access = access;
        this.journal = journal;
    }

    /** Checks the token (401, journaled as unauthorized) and the name (400), then signs the operator in. */
    public SignedIn signIn(SignIn b) {
        Fields.body(b);
        if (b.token() == null || !access.token().accepts("Bearer " + b.token())) {
            throw new ApiException(401, b.token() == null ? "missing token" : "wrong token");
        }
        String operator = OperatorName.check(b.operator(), "\"operator\"");
        journal.note("session", OperatorName.source(operator), null, null, "signed in");
        return new SignedIn(new SessionView(operator), access.session().signIn(operator));
    }

    /** Who the request's credentials name (the source the interceptor set). */
    public SessionView current(String source) {
        return new SessionView(source != null && source.startsWith("operator:")
                ? source.substring("operator:".length()) : null);
    }

    /** Signs out: always clears the cookie; a valid session's sign-out is journaled. */
    public String signOut(String cookie) {
        access.session().operator(cookie).ifPresent(operator ->
                journal.note("session", OperatorName.source(operator), null, null, "signed out"));
        return access.session().signOut();
    }
}
