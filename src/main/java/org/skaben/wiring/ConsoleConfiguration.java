package org.skaben.wiring;

import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.LifecycleStrategySupport;
import org.skaben.api.EventStream;
import org.skaben.console.ConsoleFiles;

/**
 * The game master's console on the operator API's HTTP server (no second port): its files at {@code /} and
 * {@code /webjars/} ({@link ConsoleFiles}), and the live journal at {@code /api/events/stream}
 * ({@link EventStream}), both Vert.x handlers on the router of camel-platform-http, added once it runs.
 */
public class ConsoleConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camel) {
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStarted(CamelContext context) {
                VertxPlatformHttpRouter router = router(context);
                if (router == null) {
                    // no HTTP server (a route test): nothing to serve
                    return;
                }
                // ahead of the REST route that only describes it in the API document; its bean (and the journal
                // behind it) is made on the first request, like every bean
                router.get(EventStream.PATH).order(-1).handler(ctx -> context.getRegistry()
                        .lookupByNameAndType("eventStream", EventStream.class).handle(ctx));
                // after every other route: a GET nothing else answered may be one of the console's files
                router.route().method(HttpMethod.GET).method(HttpMethod.HEAD)
                        .handler(new ConsoleFiles(ConsoleConfiguration.class.getClassLoader()));
            }
        });
    }

    /** The router of the server on camel.server.port (VertxPlatformHttpRouter.lookup(context) assumes 8080). */
    private static VertxPlatformHttpRouter router(CamelContext context) {
        String port = context.getPropertiesComponent().resolveProperty("camel.server.port").orElse("8080");
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(Integer.parseInt(port.trim())));
        return router != null ? router
                : VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME);
    }
}
