package org.skaben.api;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.skaben.Headers;
import org.skaben.device.DeviceRegistry;
import org.skaben.game.GameRefused;
import org.skaben.device.Json;

import java.util.Map;

/**
 * What every operator API route shares: JSON errors with the right status, the bearer token checked before
 * anything runs, and the journal told that the game master (source "operator") did it. Each subclass
 * declares one group of endpoints.
 */
public abstract class ApiRoutes extends RouteBuilder {

    @Override
    public final void configure() {
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off);

        onException(ApiException.class).handled(true)
                .process(e -> error(e, cause(e, ApiException.class).status(), cause(e, ApiException.class)))
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

        // whoever calls the API is the game master: the journal says so
        interceptFrom("direct:api-*")
                .bean("bearerToken", "check(${header.Authorization})")
                .removeHeader("Authorization")
                .setHeader(Headers.SOURCE, constant("operator"));

        endpoints();
    }

    /** The REST endpoints and the direct:api-* routes behind them. */
    protected abstract void endpoints();

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
