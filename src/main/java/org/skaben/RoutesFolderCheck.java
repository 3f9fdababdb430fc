package org.skaben;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The YAML routes are read from the working directory: a server started elsewhere would run without them and
 * answer no device, so once started without its ingress route it stops the process with exit code 2.
 */
public class RoutesFolderCheck extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesFolderCheck.class);
    /** Every device packet enters here (routes/ingress.camel.yaml). */
    private static final String INGRESS_ROUTE = "mqtt-ingress";

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        if (context.getRoute(INGRESS_ROUTE) == null) {
            LOG.error("No device routes were loaded from {}: start the server in the folder that holds routes/, "
                    + "or set camel.main.routes-include-pattern. Stopping.",
                    context.resolvePropertyPlaceholders("{{camel.main.routes-include-pattern}}"));
            // from another thread: main.run is still running on this one
            new Thread(() -> System.exit(2), "skaben-no-routes").start();
        }
    }
}
