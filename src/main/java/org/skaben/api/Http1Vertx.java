package org.skaben.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The Vert.x the operator API's HTTP server runs on: the same Vert.x, except that its HTTP servers answer HTTP/1.1
 * and ignore a client's "Upgrade: h2c". With the upgrade, the server sends the first 64 KB of a large answer right
 * behind the 101; curl 7.88 drops them ("buffer too small") and Java's HttpClient, which asks for the upgrade by
 * default, now and then reads them as a broken HTTP/2 frame (about 1 request in 200 for GET /api/openapi.json).
 * RFC 9113 deprecates the upgrade and browsers never ask for it. camel-platform-http-vertx builds its
 * HttpServerOptions itself and offers no setting for it, but it takes the Vertx in the registry: this one.
 */
public final class Http1Vertx {

    private Http1Vertx() {
    }

    /** A Vertx that passes every call to {@code vertx}, createHttpServer with the h2c upgrade off. */
    public static Vertx over(Vertx vertx) {
        return (Vertx) Proxy.newProxyInstance(Http1Vertx.class.getClassLoader(), new Class<?>[] {VertxInternal.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createHttpServer") && args != null && args.length == 1
                            && args[0] instanceof HttpServerOptions options) {
                        args = new Object[] {new HttpServerOptions(options).setHttp2ClearTextEnabled(false)};
                    }
                    if (method.getDeclaringClass() == Object.class && method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    try {
                        return method.invoke(vertx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
