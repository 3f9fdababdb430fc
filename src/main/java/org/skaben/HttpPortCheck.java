package org.skaben;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Refuses to start when the REST API's port is taken. Camel's Vert.x HTTP server only logs a failed bind and
 * runs on without its API (and the console), so a game master would find a server that answers no one.
 */
public class HttpPortCheck extends MainListenerSupport {

    @Override
    public void beforeStart(BaseMainSupport main) {
        var camel = main.getCamelContext();
        if (!Boolean.parseBoolean(camel.resolvePropertyPlaceholders("{{?camel.server.enabled}}"))) {
            return;
        }
        String host = camel.resolvePropertyPlaceholders("{{camel.server.host}}");
        int port = Integer.parseInt(camel.resolvePropertyPlaceholders("{{camel.server.port}}"));
        String taken = takenBy(host, port);
        if (taken != null) {
            throw new IllegalStateException("the REST API cannot listen on " + host + ":" + port + " (" + taken
                    + "): stop what uses that port or set skaben.http.port");
        }
    }

    /** Why nothing can listen on host:port now, or null when it is free. */
    static String takenBy(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(host, port));
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
