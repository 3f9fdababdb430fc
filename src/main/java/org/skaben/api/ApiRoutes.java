package org.skaben.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.apache.camel.model.rest.VerbDefinition;
import org.skaben.Headers;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.Json;
import org.skaben.game.GameRefused;

/**
 * What every operator API route shares: JSON bound to request and response records (the REST binding, with
 * {@link ApiJsonFormat}), the bearer token checked before any body is read ({@link TokenBeforeBody}, then on
 * every direct:api-* route; or the console's session cookie, see {@link ApiAccess}), JSON errors with the right status, the journal told which game master (source
 * "operator" or "operator:<name>") did it, and the OpenAPI document at GET /api/openapi.json. Each subclass declares the endpoints
 * of one resource.
 */
public abstract class ApiRoutes extends RouteBuilder {

    /** The OpenAPI security scheme every /api endpoint names. */
    protected static final String TOKEN = "bearerToken";
    /** The OpenAPI security scheme of the console's session cookie. */
    protected static final String COOKIE = "sessionCookie";

    /** A bean call's argument: the journal's source for what the caller does (operator or operator:<name>). */
    protected static final String SOURCE = "${header." + Headers.SOURCE + "}";

    @Override
    public final void configure() {
        // binding is off by default (health and metrics write their own text) and on for each /api verb (api())
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off)
                .jsonDataFormat("skaben-api-json")
                .apiContextPath("/api/openapi.json")
                .apiProperty("api.title", "SKABEN operator API")
                .apiProperty("api.version", "1")
                .apiProperty("api.description", "The game master's API: devices, types, the journal, the alert, "
                        + "access, simple-device configs and dead letters. Every /api call but this document needs "
                        + "Authorization: Bearer <token>.");

        onException(ApiException.class).handled(true)
                .process(e -> error(e, cause(e, ApiException.class).status(), cause(e, ApiException.class)))
                .removeHeader("Set-Cookie")
                .filter(header(Exchange.HTTP_RESPONSE_CODE).isEqualTo(401))
                    .setHeader(Headers.KIND, constant("unauthorized"))
                    .setHeader(Headers.SOURCE, simple("${header.CamelHttpMethod} ${header.CamelHttpPath}"))
                    .setHeader(Headers.DETAIL, simple("${exception.message}"))
                    .to("direct:journal")
                .end();
        onException(GameRefused.class).handled(true)
                .process(e -> error(e, cause(e, GameRefused.class).status(), cause(e, GameRefused.class)));
        onException(DeviceRegistry.NotFound.class).handled(true)
                .process(e -> error(e, 404, cause(e, DeviceRegistry.NotFound.class)));
        onException(Exception.class).handled(true)
                .log(LoggingLevel.ERROR, "operator API failed: ${exception}")
                .process(e -> error(e, 500, cause(e, Exception.class)));

        // whoever calls the API is a game master: the journal says so (operator, or operator:<name>). The token
        // or the console's session first, then the body.
        interceptFrom("direct:api-*")
                .bean("apiAccess", "authorize")
                .process(ApiRoutes::requireReadableBody);

        endpoints();
        describeEveryVerb();
    }

    /**
     * Every /api verb of this builder, in the OpenAPI document: named after its route (rest-devices: operation
     * devices), and refusing with an {@link ApiError}.
     */
    private void describeEveryVerb() {
        for (RestDefinition rest : getRestCollection().getRests()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (verb.getId() == null && verb.getRouteId() != null) {
                    verb.setId(verb.getRouteId().replaceFirst("^rest-", ""));
                }
                if (verb.getResponseMsgs() == null || verb.getResponseMsgs().isEmpty()) {
                    verb.setResponseMsgs(new ArrayList<>(List.of(
                            response("400", "a bad parameter or body: the reason names it"),
                            response("401", "no bearer token, or a wrong one"),
                            response("404", "no such device, type, state, person, card or permission"))));
                }
            }
        }
    }

    private static ResponseMessageDefinition response(String code, String message) {
        ResponseMessageDefinition response = new ResponseMessageDefinition();
        response.setCode(code);
        response.setMessage(message);
        response.setResponseModel(ApiError.class.getName());
        return response;
    }

    /** The REST endpoints of one resource and the direct:api-* routes behind them. */
    protected abstract void endpoints();

    /** A group of /api endpoints: JSON in and out through the binding, the token checked before the body. */
    protected RestDefinition api(String path, String tag) {
        return rest(path).tag(tag).produces("application/json")
                .bindingMode(RestBindingMode.json).clientRequestValidation(true)
                .securityDefinitions().bearerToken(TOKEN, "the operator API token (skaben.http.token)").end()
                .security(TOKEN);
    }

    /** Declares a path parameter of the verb just defined, for the OpenAPI document. */
    protected static RestDefinition path(RestDefinition verb, String name, String description) {
        return verb.param().name(name).type(RestParamType.path).required(true).dataType("string")
                .description(description).endParam();
    }

    /** Declares an optional query parameter of the verb just defined. */
    protected static RestDefinition query(RestDefinition verb, String name, String dataType, String description) {
        return verb.param().name(name).type(RestParamType.query).required(false).dataType(dataType)
                .description(description).endParam();
    }

    /** The verb just defined goes to direct:api-{id} (its route is rest-{id}), described for the document. */
    protected static RestDefinition serve(RestDefinition verb, String id, String description) {
        return verb.routeId("rest-" + id).description(description).to("direct:api-" + id);
    }

    /** The same, and the route behind it: it calls one method of an API bean and answers its result. */
    protected void endpoint(RestDefinition verb, String id, String description, String bean, String call) {
        serve(verb, id, description);
        from("direct:api-" + id).routeId("api-" + id)
                .setBody(method(bean, call));
    }

    /** The same, answering 201 Created. */
    protected void creating(RestDefinition verb, String id, String description, String bean, String call) {
        serve(verb, id, description);
        from("direct:api-" + id).routeId("api-" + id)
                .setBody(method(bean, call))
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201));
    }

    /** A write's step option: the exchange keeps the body it was given (the statement's parameters). */
    protected static final String WRITE = "noop=true";

    /** A {@code sql:} step: the statement in src/main/resources/sql/{name}.sql, with these endpoint options. */
    protected static String sql(String name, String options) {
        return "sql:classpath:sql/" + name + ".sql?" + options;
    }

    /** The one row read, as this record (none: null). */
    protected static String one(Class<?> row) {
        return "outputType=SelectOne&outputClass=" + row.getName() + "&rowMapperFactory=#recordRows";
    }

    /** The rows read, each as this record (or the one column, as this class). */
    protected static String list(Class<?> row) {
        return "outputType=SelectList&outputClass=" + row.getName() + "&rowMapperFactory=#recordRows";
    }

    /**
     * A body the binding could not read is refused now that the token is known to be right; a body it did not
     * read (none was sent) is nothing, so a bean sees null rather than an empty text.
     */
    protected static void requireReadableBody(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (body instanceof BadBody bad) {
            throw bad.refusal();
        }
        if (body instanceof String || body instanceof byte[] || body instanceof java.io.InputStream
                || body != null && body.getClass().getName().startsWith("io.vertx.")) {
            message.setBody(null);
        }
    }

    /** The exception of the given type behind Camel's wrappers (a bean call wraps what the bean throws). */
    static <T extends Throwable> T cause(Exchange exchange, Class<T> type) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (type.isInstance(t) && (t.getCause() == null || !type.isInstance(t.getCause()))) {
                return type.cast(t);
            }
        }
        return type.cast(caught);
    }

    private static void error(Exchange exchange, int status, Throwable cause) {
        String message = cause == null || cause.getMessage() == null ? "internal error" : cause.getMessage();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Json.write(Map.of("error", message)));
    }
}
