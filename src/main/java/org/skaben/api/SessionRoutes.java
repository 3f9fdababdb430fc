package org.skaben.api;

import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;

/**
 * /api/session: the console signs in with the API token and an operator name, and gets a signed, HttpOnly,
 * SameSite=Strict session cookie that every /api call then accepts in place of the bearer header (see
 * {@link ApiAccess}). Signing in and out need no credentials in the header: the token is in the sign-in's body
 * (so that body is read first, the one exception to "token before body"), and signing out only clears the cookie.
 */
public class SessionRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        endpoint(api("/api", "session").get("/session").outType(SessionApi.SessionView.class), "session",
                "who is signed in: the session cookie's operator (null with a bare bearer token)",
                "sessionApi", "current(" + SOURCE + ")");

        RestDefinition open = rest("/api").tag("session").produces("application/json")
                .bindingMode(RestBindingMode.json);
        open.post("/session").type(SessionApi.SignIn.class).outType(SessionApi.SessionView.class)
                .routeId("rest-session-sign-in").description("signs in with the API token and an operator name: "
                        + "sets the session cookie (HttpOnly, SameSite=Strict); 401 with a wrong token")
                .to("direct:session-sign-in");
        open.delete("/session").outType(SessionApi.SessionView.class).routeId("rest-session-sign-out")
                .description("signs out: clears the session cookie").to("direct:session-sign-out");

        from("direct:session-sign-in").routeId("session-sign-in")
                .removeHeader("Cookie")
                .removeHeader("Authorization")
                .process(ApiRoutes::requireReadableBody)
                .setBody(method("sessionApi", "signIn(${body})"))
                .setHeader("Set-Cookie", simple("${body.setCookie()}"))
                .setBody(simple("${body.session()}"));

        from("direct:session-sign-out").routeId("session-sign-out")
                .setHeader("Set-Cookie", method("sessionApi", "signOut(${header.Cookie})"))
                .removeHeader("Cookie")
                .removeHeader("Authorization")
                .setBody(e -> new SessionApi.SessionView(null))
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200));
    }
}
